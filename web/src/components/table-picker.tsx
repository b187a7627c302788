import type { MetaResource } from "../api/api-types.js";

/** Props of `TablePicker`. */
export interface TablePickerProps {
  /** Prefix of the checkbox ids, unique on the page. */
  readonly idPrefix: string;
  readonly resources: readonly MetaResource[];
  readonly selected: readonly string[];
  readonly onChange: (selected: string[]) => void;
  /** Show each table's read scope next to it; default true. */
  readonly showScopes?: boolean;
}

/** One checkbox per Coupa resource, in the catalog's order. */
export function TablePicker(props: TablePickerProps) {
  const { idPrefix, resources, selected, onChange } = props;
  const chosen = new Set(selected);

  function toggle(name: string, on: boolean) {
    const next = resources
      .map((resource) => resource.name)
      .filter((item) => (item === name ? on : chosen.has(item)));
    onChange(next);
  }

  return (
    <>
      <div className="picker-tools">
        <button
          type="button"
          onClick={() => onChange(resources.map((r) => r.name))}
        >
          Select all
        </button>
        <button type="button" onClick={() => onChange([])}>
          Clear
        </button>
      </div>
      <ul className="table-picker">
        {resources.map((resource) => {
          const id = `${idPrefix}-${resource.name}`;
          return (
            <li key={resource.name}>
              <input
                type="checkbox"
                id={id}
                checked={chosen.has(resource.name)}
                onChange={(event) =>
                  toggle(resource.name, event.target.checked)
                }
              />
              <label htmlFor={id}>
                {resource.name}
                {props.showScopes !== false && (
                  <span className="scope"> {resource.scope}</span>
                )}
              </label>
            </li>
          );
        })}
      </ul>
    </>
  );
}
