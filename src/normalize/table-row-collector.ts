import {
  CUSTOM_FIELDS_PREFIX,
  CustomFieldColumns,
} from "./custom-field-columns.js";
import type { Pseudonymizer } from "./pseudonymizer.js";
import type { ColumnSpec, TableRows } from "./row-batch.js";
import { snakeCase } from "./snake-case.js";
import type { CustomFieldChoice, LayoutTable } from "./table-layout.js";
import { type ValueConverter, valueConverter } from "./value-converter.js";

type Element = Record<string, unknown>;
type Reader = (element: Element) => unknown;

/** Where a row sits in its record, for the child-table key columns. */
export interface RowPlace {
  readonly rootId: number;
  readonly parentId: unknown;
  readonly parentPosition: number | null;
  readonly position: number;
}

/**
 * Builds the rows of one pool table page by page. Reading a column is
 * compiled once from the layout into a small function, so a page costs one
 * call per cell and no lookups by name.
 */
export class TableRowCollector {
  readonly layout: LayoutTable;
  readonly #readers: (Reader | undefined)[];
  readonly #width: number;
  readonly #meta: Record<string, number>;
  readonly #known: ReadonlySet<string>;
  readonly #customFields: CustomFieldChoice;
  readonly #custom: CustomFieldColumns;
  #rows: unknown[][] = [];
  #customValues: (Map<string, unknown> | undefined)[] = [];

  constructor(
    layout: LayoutTable,
    pseudonymized: ReadonlySet<string>,
    pseudonymizer: Pseudonymizer | undefined,
  ) {
    this.layout = layout;
    this.#width = layout.columns.length;
    this.#readers = layout.columns.map((column) =>
      column.name.startsWith("_")
        ? undefined
        : compileReader(column, pseudonymized, pseudonymizer),
    );
    this.#meta = Object.fromEntries(
      layout.columns.map((column, index) => [column.name, index]),
    );
    this.#known = knownKeySet(layout.knownKeys);
    this.#customFields = layout.customFields;
    this.#custom = new CustomFieldColumns(
      layout.columns.map((c) => c.name),
      pseudonymized,
      pseudonymizer,
    );
  }

  /** Adds the row of one record or collection element. */
  add(element: Element, place: RowPlace | undefined): void {
    const row = new Array<unknown>(this.#width);
    const readers = this.#readers;
    for (let i = 0; i < readers.length; i++) {
      const read = readers[i];
      row[i] = read ? read(element) : null;
    }
    if (place) this.#placeRow(row, place);
    this.#rows.push(row);
    this.#customValues.push(
      this.#customFields === "none" ? undefined : this.#collectCustom(element),
    );
  }

  /**
   * The page's rows with the run columns set and discovered custom-field
   * columns appended; the collector is then empty for the next page.
   */
  finish(extractedAt: Date, runId: string): TableRows {
    const rows = this.#rows;
    const customValues = this.#customValues;
    this.#rows = [];
    this.#customValues = [];

    const at = this.#meta._extracted_at;
    const run = this.#meta._run_id;
    for (const row of rows) {
      if (at !== undefined) row[at] = extractedAt;
      if (run !== undefined) row[run] = runId;
    }

    const discovered = this.#custom.update(valuesBySource(customValues));
    for (let r = 0; r < rows.length; r++) {
      const values = customValues[r];
      const row = rows[r] as unknown[];
      for (const { spec, convert } of discovered) {
        row.push(
          values?.has(spec.source) ? convert(values.get(spec.source)) : null,
        );
      }
    }
    const columns: ColumnSpec[] = [
      ...this.layout.columns,
      ...discovered.map((d) => d.spec),
    ];
    return {
      table: this.layout.table,
      isParent: this.layout.isParent,
      columns,
      rows,
    };
  }

  #placeRow(row: unknown[], place: RowPlace) {
    const meta = this.#meta;
    if (meta._root_id !== undefined) row[meta._root_id] = place.rootId;
    if (meta._parent_id !== undefined) {
      row[meta._parent_id] =
        typeof place.parentId === "number" ? place.parentId : null;
    }
    if (meta._parent_position !== undefined) {
      row[meta._parent_position] = place.parentPosition;
    }
    if (meta._position !== undefined) row[meta._position] = place.position;
  }

  #collectCustom(element: Element): Map<string, unknown> | undefined {
    let found: Map<string, unknown> | undefined;
    const namespaced = element["custom-fields"] ?? element.custom_fields;
    if (namespaced && typeof namespaced === "object") {
      for (const key in namespaced) {
        const value = (namespaced as Element)[key];
        if (value === null || value === undefined || !this.#wants(key)) {
          continue;
        }
        found ??= new Map();
        found.set(CUSTOM_FIELDS_PREFIX + key, value);
      }
    }
    if (this.#customFields !== "all") return found;

    // Legacy custom fields are top-level scalars the catalog does not
    // know; unknown objects and arrays are spec artefacts, not fields.
    for (const key in element) {
      if (this.#known.has(key)) continue;
      const value = element[key];
      if (value === null || typeof value === "object") continue;
      found ??= new Map();
      found.set(key, value);
    }
    return found;
  }

  #wants(key: string): boolean {
    const choice = this.#customFields;
    return (
      choice === "all" || (choice !== "none" && choice.includes(snakeCase(key)))
    );
  }
}

function valuesBySource(
  customValues: readonly (Map<string, unknown> | undefined)[],
): Map<string, unknown[]> {
  const bySource = new Map<string, unknown[]>();
  for (const values of customValues) {
    if (!values) continue;
    for (const [source, value] of values) {
      const list = bySource.get(source);
      if (list) list.push(value);
      else bySource.set(source, [value]);
    }
  }
  return bySource;
}

function knownKeySet(keys: readonly string[]): Set<string> {
  const known = new Set<string>(["custom-fields", "custom_fields"]);
  for (const key of keys) {
    known.add(key);
    known.add(key.replace(/-/g, "_"));
  }
  return known;
}

function compileReader(
  column: ColumnSpec,
  pseudonymized: ReadonlySet<string>,
  pseudonymizer: Pseudonymizer | undefined,
): Reader {
  const pick = compilePick(column.source);
  const convert: ValueConverter = valueConverter(column.type);
  if (pseudonymizer && pseudonymized.has(column.name)) {
    return (element) => pseudonymizer.pseudonymize(convert(pick(element)));
  }
  return (element) => convert(pick(element));
}

function compilePick(source: string): Reader {
  const alternatives = source.split("|").map(compilePath);
  if (alternatives.length === 1) return alternatives[0] as Reader;
  return (element) => {
    for (const pick of alternatives) {
      const value = pick(element);
      if (value !== null && value !== undefined) return value;
    }
    return null;
  };
}

function compilePath(path: string): Reader {
  const [outer = path, inner] = path.split(".");
  const outerAlt = outer.replace(/-/g, "_");
  if (inner === undefined) {
    if (outerAlt === outer) return (element) => element[outer];
    // Some payloads use underscored keys; the dashed form is the norm.
    return (element) => element[outer] ?? element[outerAlt];
  }
  const innerAlt = inner.replace(/-/g, "_");
  return (element) => {
    const object = element[outer] ?? element[outerAlt];
    if (object === null || typeof object !== "object") return undefined;
    const value = (object as Element)[inner];
    return value === undefined ? (object as Element)[innerAlt] : value;
  };
}
