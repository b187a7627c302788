import type { ColumnType } from "../normalize/row-batch.js";

/** A column of a pool table as the store knows it. */
export interface PoolColumn {
  readonly name: string;
  readonly type: ColumnType;
  /** DuckDB's spelling, e.g. `DECIMAL(30,4)`. */
  readonly spelling: string;
}
