/**
 * A table's extraction settings after validation, as normalize/, load/ and
 * extract/ use them. The config file's shape and its validation live in
 * extract/; this is the validated, frozen result.
 */
import type { SchemaDriftPolicy } from "../load/pool-store.js";

/**
 * A selected field in Coupa's `fields` syntax, underscore form: a plain
 * name (`invoice_number`) or a nested selection
 * (`{ invoice_lines: ["id", "total"] }`, `{ custom_fields: [] }` for all
 * custom fields).
 */
export type FieldSelection =
  | string
  | { readonly [nested: string]: readonly FieldSelection[] };

/** Validated settings of one extracted table. */
export interface TableSettings {
  /** Catalog resource name, e.g. `invoices`. */
  readonly resource: string;
  /** Pool table name of the parent; default the resource name. */
  readonly target: string;
  /** Fields to extract (pushed down as `fields=`); undefined = all. */
  readonly columns?: readonly FieldSelection[];
  /** Extra query conditions in Coupa's syntax, e.g. `["status[in]", "approved"]`. */
  readonly filter: readonly (readonly [string, string])[];
  /**
   * Pool column names (snake_case) to pseudonymize in every table of this
   * resource that has them, e.g. `supplier_name`, `created_by_email`.
   */
  readonly pseudonymize: readonly string[];
  /** How far before the watermark a delta starts reading, in ms. */
  readonly lookbackMs: number;
  /** Sweep ids to find parents deleted in Coupa. */
  readonly detectDeletes: boolean;
  readonly drift: SchemaDriftPolicy;
}
