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

/** Writes one payload value into its column. */
interface ColumnWrite {
  readonly index: number;
  readonly convert: ValueConverter;
  /** Position among the column's sources; lower wins when both are set. */
  readonly rank: number;
  readonly shared: boolean;
}

interface AssociationPart {
  readonly key: string;
  readonly keyAlt: string;
  readonly write: ColumnWrite;
}

/** What to do with one payload key. */
type KeyHandler =
  | { readonly kind: "field"; readonly write: ColumnWrite }
  | { readonly kind: "association"; readonly parts: AssociationPart[] }
  | { readonly kind: "custom" }
  | { readonly kind: "ignore" };

/** Where a row sits in its record, for the child-table key columns. */
export interface RowPlace {
  readonly rootId: number;
  readonly parentId: unknown;
  readonly parentPosition: number | null;
  readonly position: number;
}

/**
 * Builds the rows of one pool table page by page. What to do with each
 * payload key is compiled once from the layout, so a row costs one map
 * lookup per key the element has and no work for the (many) catalog
 * fields it lacks.
 */
export class TableRowCollector {
  readonly layout: LayoutTable;
  readonly #handlers: ReadonlyMap<string, KeyHandler>;
  readonly #width: number;
  readonly #meta: Record<string, number>;
  /** Columns fed by several sources; their ranks reset per row. */
  readonly #shared: readonly number[];
  readonly #ranks: Int8Array;
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
    this.#handlers = compileHandlers(layout, pseudonymized, pseudonymizer);
    this.#meta = Object.fromEntries(
      layout.columns.map((column, index) => [column.name, index]),
    );
    this.#shared = layout.columns.flatMap((c, i) =>
      c.source.includes("|") ? [i] : [],
    );
    this.#ranks = new Int8Array(this.#width);
    this.#customFields = layout.customFields;
    this.#custom = new CustomFieldColumns(
      layout.columns.map((c) => c.name),
      pseudonymized,
      pseudonymizer,
    );
  }

  /** Adds the row of one record or collection element. */
  add(element: Element, place: RowPlace | undefined): void {
    const row = new Array<unknown>(this.#width).fill(null);
    for (const i of this.#shared) this.#ranks[i] = 127;
    let custom: Map<string, unknown> | undefined;
    for (const key in element) {
      const value = element[key];
      const handler = this.#handlers.get(key);
      if (handler === undefined) {
        custom = this.#legacyCustom(custom, key, value);
      } else if (handler.kind === "field") {
        this.#write(row, handler.write, value);
      } else if (handler.kind === "association") {
        this.#writeAssociation(row, handler.parts, value);
      } else if (handler.kind === "custom") {
        custom = this.#namespacedCustom(custom, value);
      }
    }
    if (place) this.#placeRow(row, place);
    this.#rows.push(row);
    this.#customValues.push(custom);
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
    if (discovered.length > 0) {
      for (let r = 0; r < rows.length; r++) {
        const values = customValues[r];
        const row = rows[r] as unknown[];
        for (const { spec, convert } of discovered) {
          const value = values?.get(spec.source);
          row.push(value === undefined ? null : convert(value));
        }
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

  #write(row: unknown[], write: ColumnWrite, value: unknown) {
    if (!write.shared) {
      row[write.index] = write.convert(value);
      return;
    }
    // Several keys feed this column: the first source in order that has
    // a value wins, whatever order the keys come in.
    if (value === null || value === undefined) return;
    if (write.rank >= (this.#ranks[write.index] ?? 127)) return;
    const converted = write.convert(value);
    if (converted === null) return;
    row[write.index] = converted;
    this.#ranks[write.index] = write.rank;
  }

  #writeAssociation(
    row: unknown[],
    parts: readonly AssociationPart[],
    value: unknown,
  ) {
    if (value === null || typeof value !== "object") return;
    const object = value as Element;
    for (const { key, keyAlt, write } of parts) {
      const part = object[key];
      this.#write(row, write, part === undefined ? object[keyAlt] : part);
    }
  }

  #namespacedCustom(
    found: Map<string, unknown> | undefined,
    namespaced: unknown,
  ): Map<string, unknown> | undefined {
    if (!namespaced || typeof namespaced !== "object") return found;
    if (this.#customFields === "none") return found;
    let out = found;
    for (const key in namespaced) {
      const value = (namespaced as Element)[key];
      if (value === null || value === undefined || !this.#wants(key)) {
        continue;
      }
      out ??= new Map();
      out.set(CUSTOM_FIELDS_PREFIX + key, value);
    }
    return out;
  }

  /**
   * Legacy custom fields are top-level scalars the catalog does not know;
   * unknown objects and arrays are spec artefacts, not fields.
   */
  #legacyCustom(
    found: Map<string, unknown> | undefined,
    key: string,
    value: unknown,
  ): Map<string, unknown> | undefined {
    if (this.#customFields !== "all") return found;
    if (value === null || value === undefined || typeof value === "object") {
      return found;
    }
    const out = found ?? new Map<string, unknown>();
    out.set(key, value);
    return out;
  }

  #wants(key: string): boolean {
    const choice = this.#customFields;
    if (choice === "all") return true;
    return choice !== "none" && choice.includes(snakeCase(key));
  }

  #placeRow(row: unknown[], place: RowPlace) {
    const meta = this.#meta;
    if (meta._root_id !== undefined) row[meta._root_id] = place.rootId;
    if (meta._parent_id !== undefined) {
      const parentId = place.parentId;
      row[meta._parent_id] = typeof parentId === "number" ? parentId : null;
    }
    if (meta._parent_position !== undefined) {
      row[meta._parent_position] = place.parentPosition;
    }
    if (meta._position !== undefined) row[meta._position] = place.position;
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

function compileHandlers(
  layout: LayoutTable,
  pseudonymized: ReadonlySet<string>,
  pseudonymizer: Pseudonymizer | undefined,
): Map<string, KeyHandler> {
  const handlers = new Map<string, KeyHandler>();
  // Some payloads use underscored keys; both spellings reach the column.
  const set = (key: string, handler: KeyHandler) => {
    handlers.set(key, handler);
    handlers.set(key.replace(/-/g, "_"), handler);
  };
  for (const key of layout.knownKeys) set(key, { kind: "ignore" });
  set("custom-fields", { kind: "custom" });

  layout.columns.forEach((column, index) => {
    if (column.name.startsWith("_")) return;
    const convert = columnConverter(column, pseudonymized, pseudonymizer);
    const sources = column.source.split("|");
    sources.forEach((source, rank) => {
      const write = { index, convert, rank, shared: sources.length > 1 };
      const [outer = source, inner] = source.split(".");
      if (inner === undefined) {
        set(outer, { kind: "field", write });
        return;
      }
      const existing = handlers.get(outer);
      const parts = existing?.kind === "association" ? existing.parts : [];
      parts.push({ key: inner, keyAlt: inner.replace(/-/g, "_"), write });
      set(outer, { kind: "association", parts });
    });
  });
  return handlers;
}

function columnConverter(
  column: ColumnSpec,
  pseudonymized: ReadonlySet<string>,
  pseudonymizer: Pseudonymizer | undefined,
): ValueConverter {
  const convert = valueConverter(column.type);
  if (pseudonymizer && pseudonymized.has(column.name)) {
    return (value) => pseudonymizer.pseudonymize(convert(value));
  }
  return convert;
}
