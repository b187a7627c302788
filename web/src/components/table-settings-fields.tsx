import { errorAt } from "../lib/field-errors-of.js";
import type { TableDraft } from "../lib/job-draft.js";
import { FormField, fieldProps } from "./form-field.js";

/** Props of `TableSettingsFields`. */
export interface TableSettingsFieldsProps {
  /** Resource name, e.g. `invoices`. */
  readonly table: string;
  readonly value: TableDraft;
  readonly errors: Readonly<Record<string, string>>;
  readonly onChange: (value: TableDraft) => void;
}

const TEXT_SETTINGS = [
  {
    key: "target",
    label: "Pool table name",
    hint: "Default: the resource name.",
  },
  {
    key: "columns",
    label: "Columns",
    hint: "Comma-separated Coupa fields to read (e.g. id, status, total); blank reads all.",
  },
  {
    key: "filter",
    label: "Filter",
    hint: "Coupa query syntax, e.g. status[in]=approved,voided",
  },
  {
    key: "pseudonymize",
    label: "Pseudonymize columns",
    hint: "Comma-separated pool columns to replace by a keyed hash, e.g. supplier_name.",
  },
  {
    key: "lookback",
    label: "Delta lookback",
    hint: "How far before the last run a delta starts, e.g. 1h (default), 30m, 1d.",
  },
] as const;

/** The settings of one chosen table, folded away until needed. */
export function TableSettingsFields(props: TableSettingsFieldsProps) {
  const { table, value, errors, onChange } = props;
  const base = `tables.${table}`;
  const hasErrors = Object.keys(errors).some((path) =>
    path.startsWith(`${base}.`),
  );
  const driftId = `job-${table}-drift`;
  const driftError = errorAt(errors, `${base}.drift`);
  return (
    <details className="table-settings" open={hasErrors || undefined}>
      <summary>Settings for {table}</summary>
      {TEXT_SETTINGS.map(({ key, label, hint }) => {
        const id = `job-${table}-${key}`;
        const error = errorAt(errors, `${base}.${key}`);
        return (
          <FormField key={key} id={id} label={label} hint={hint} error={error}>
            <input
              {...fieldProps(id, { hint: true, error })}
              spellCheck={false}
              value={value[key]}
              onChange={(e) => onChange({ ...value, [key]: e.target.value })}
            />
          </FormField>
        );
      })}
      <div className="checkbox">
        <input
          type="checkbox"
          id={`job-${table}-detect-deletes`}
          checked={value.detectDeletes}
          onChange={(e) =>
            onChange({ ...value, detectDeletes: e.target.checked })
          }
        />
        <label htmlFor={`job-${table}-detect-deletes`}>
          Detect records deleted in Coupa
        </label>
      </div>
      <FormField
        id={driftId}
        label="When Coupa's fields change"
        error={driftError}
      >
        <select
          {...fieldProps(driftId, { error: driftError })}
          value={value.drift}
          onChange={(e) =>
            onChange({ ...value, drift: e.target.value as TableDraft["drift"] })
          }
        >
          <option value="evolve">Add or widen columns</option>
          <option value="fail">Stop the run</option>
        </select>
      </FormField>
    </details>
  );
}
