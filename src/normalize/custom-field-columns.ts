import { widenColumnType } from "./column-type-widening.js";
import { inferColumnType } from "./infer-column-type.js";
import type { Pseudonymizer } from "./pseudonymizer.js";
import type { ColumnSpec, ColumnType } from "./row-batch.js";
import { snakeCase } from "./snake-case.js";
import { type ValueConverter, valueConverter } from "./value-converter.js";

/** Marks a source inside the `custom-fields` object. */
export const CUSTOM_FIELDS_PREFIX = "custom-fields.";

/** A discovered column with the function that fills it. */
export interface DiscoveredColumn {
  readonly spec: ColumnSpec;
  readonly convert: ValueConverter;
}

/**
 * The custom-field columns of one table, discovered from the data and
 * remembered across pages so names and types stay put within a run.
 *
 * Naming: `custom-fields.cf-erp-invoice-number` → `cf_erp_invoice_number`
 * and a legacy top-level `custom-field-1` → `custom_field_1`; a name that
 * a standard column (or an earlier custom field) already has gets the
 * prefix `custom_` (`custom_status`, then `custom_status_2`, …). Types come
 * from the values (see `inferColumnType`) and only widen.
 */
export class CustomFieldColumns {
  readonly #taken: Set<string>;
  readonly #bySource = new Map<string, DiscoveredColumn>();
  readonly #pseudonymized: ReadonlySet<string>;
  readonly #pseudonymizer: Pseudonymizer | undefined;

  constructor(
    standardColumns: Iterable<string>,
    pseudonymized: ReadonlySet<string>,
    pseudonymizer: Pseudonymizer | undefined,
  ) {
    this.#taken = new Set(standardColumns);
    this.#pseudonymized = pseudonymized;
    this.#pseudonymizer = pseudonymizer;
  }

  /**
   * Takes the values one page brought per source and returns every
   * discovered column, in discovery order, with types widened to fit.
   */
  update(values: ReadonlyMap<string, readonly unknown[]>): DiscoveredColumn[] {
    for (const [source, list] of values) {
      const type = joinedType(list);
      if (type) this.#fit(source, type);
    }
    return [...this.#bySource.values()];
  }

  #fit(source: string, type: ColumnType) {
    const known = this.#bySource.get(source);
    const name = known?.spec.name ?? this.#nameFor(source);
    const wider = known ? widenColumnType(known.spec.type, type) : type;
    if (known && wider === known.spec.type) return;
    this.#bySource.set(source, this.#column(name, wider, source));
  }

  #column(name: string, type: ColumnType, source: string): DiscoveredColumn {
    const pseudonymizer = this.#pseudonymizer;
    if (pseudonymizer && this.#pseudonymized.has(name)) {
      const text = valueConverter({ kind: "varchar" });
      return {
        spec: { name, type: { kind: "varchar" }, source },
        convert: (raw) => pseudonymizer.pseudonymize(text(raw)),
      };
    }
    return { spec: { name, type, source }, convert: valueConverter(type) };
  }

  #nameFor(source: string): string {
    const key = source.startsWith(CUSTOM_FIELDS_PREFIX)
      ? source.slice(CUSTOM_FIELDS_PREFIX.length)
      : source;
    const base = snakeCase(key);
    let name = this.#taken.has(base) ? `custom_${base}` : base;
    for (let n = 2; this.#taken.has(name); n++) name = `custom_${base}_${n}`;
    this.#taken.add(name);
    return name;
  }
}

function joinedType(values: readonly unknown[]): ColumnType | undefined {
  let type: ColumnType | undefined;
  for (const value of values) {
    const one = inferColumnType(value);
    if (!one) continue;
    type = type ? widenColumnType(type, one) : one;
    if (type.kind === "varchar") return type;
  }
  return type;
}
