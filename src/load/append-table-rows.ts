import { type DuckDBConnection, DuckDBDataChunk } from "@duckdb/node-api";
import type { ColumnType, TableRows } from "../normalize/row-batch.js";
import { ValueConversionError } from "./value-conversion-error.js";
import { INVALID, vectorValueConverter } from "./vector-value-converter.js";

/** A column of a pool table as the store knows it. */
export interface PoolColumn {
  readonly name: string;
  readonly type: ColumnType;
  /** DuckDB's spelling, e.g. `DECIMAL(30,4)`. */
  readonly spelling: string;
}

/** Rows per data chunk: DuckDB's vector size. */
const CHUNK_ROWS = 2048;

/**
 * Appends rows to a pool table through DuckDB's appender, a column at a
 * time into data chunks: numbers, dates and decimals are written into the
 * vectors' memory, only text crosses into native code per value. Pool
 * columns the rows lack get nulls; the appender writes inside the
 * connection's open transaction.
 *
 * @throws ValueConversionError naming the table, column and value that do
 *   not fit; rows appended before it are rolled back with the transaction.
 */
export async function appendTableRows(
  connection: DuckDBConnection,
  rows: TableRows,
  poolColumns: readonly PoolColumn[],
): Promise<void> {
  if (rows.rows.length === 0) return;
  const appender = await connection.createAppender(rows.table);
  try {
    if (appender.columnCount !== poolColumns.length) {
      throw new Error(
        `Table ${rows.table} has ${appender.columnCount} columns, the store ` +
          `expected ${poolColumns.length}: it was altered by another ` +
          "writer. Retry the page; the store reloads the schema.",
      );
    }
    const types = poolColumns.map((_, i) => appender.columnType(i));
    const plan = columnPlan(rows, poolColumns);
    for (let start = 0; start < rows.rows.length; start += CHUNK_ROWS) {
      const count = Math.min(CHUNK_ROWS, rows.rows.length - start);
      const chunk = DuckDBDataChunk.create(types, count);
      fillChunk(chunk, rows, start, count, plan);
      appender.appendDataChunk(chunk);
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
}

interface ColumnFill {
  readonly column: PoolColumn;
  /** Index of the column in the rows; -1 when the rows lack it. */
  readonly from: number;
  readonly convert: (value: unknown) => unknown;
}

function columnPlan(
  rows: TableRows,
  poolColumns: readonly PoolColumn[],
): ColumnFill[] {
  const index = new Map(rows.columns.map((c, i) => [c.name, i]));
  return poolColumns.map((column) => ({
    column,
    from: index.get(column.name) ?? -1,
    convert: vectorValueConverter(column.type),
  }));
}

function fillChunk(
  chunk: DuckDBDataChunk,
  rows: TableRows,
  start: number,
  count: number,
  plan: readonly ColumnFill[],
) {
  const source = rows.rows;
  for (let c = 0; c < plan.length; c++) {
    const { column, from, convert } = plan[c] as ColumnFill;
    const vector = chunk.getColumnVector(c);
    for (let r = 0; r < count; r++) {
      const value = from < 0 ? null : (source[start + r] as unknown[])[from];
      if (value === null || value === undefined) {
        vector.setItem(r, null);
        continue;
      }
      const converted = convert(value);
      if (converted === INVALID) {
        throw new ValueConversionError(
          rows.table,
          column.name,
          column.spelling,
          value,
        );
      }
      vector.setItem(r, converted as never);
    }
    vector.flush();
  }
}
