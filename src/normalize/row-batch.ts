/**
 * Contract between normalize/ (records → typed rows) and load/ (rows →
 * pool tables) and extract/ (which moves batches from one to the other).
 */

/** Database-neutral column type. */
export type ColumnType =
  | { readonly kind: "varchar" }
  | { readonly kind: "bigint" }
  | { readonly kind: "double" }
  | { readonly kind: "boolean" }
  | { readonly kind: "timestamptz" }
  | { readonly kind: "date" }
  | { readonly kind: "json" }
  | {
      readonly kind: "decimal";
      readonly precision: number;
      readonly scale: number;
    };

/** One column of a pool table. */
export interface ColumnSpec {
  /** snake_case name in the pool, e.g. `invoice_number`. */
  readonly name: string;
  readonly type: ColumnType;
  /** Where the value comes from in Coupa's payload, e.g. `invoice-number`. */
  readonly source: string;
}

/** Rows for one pool table out of one page of records. */
export interface TableRows {
  /** Pool table name: `invoices`, `invoices__invoice_lines`, ... */
  readonly table: string;
  /** True for the parent table, false for child tables. */
  readonly isParent: boolean;
  /** Columns, in order; every row has one value per column. */
  readonly columns: readonly ColumnSpec[];
  /**
   * Values ready for the database: string for varchar, decimal (exact
   * text) and json; number or bigint for bigint; number for double;
   * boolean; Date for timestamptz and date; null for missing.
   */
  readonly rows: readonly (readonly unknown[])[];
}

/** Everything one page of Coupa records turns into. */
export interface RowBatch {
  /** Ids of the parent records in this page (their children are replaced). */
  readonly parentIds: readonly number[];
  /** Parent table first, then child tables at every depth. */
  readonly tables: readonly TableRows[];
}
