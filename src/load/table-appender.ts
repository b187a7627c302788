import {
  type DuckDBConnection,
  DuckDBDataChunk,
  type DuckDBType,
} from "@duckdb/node-api";
import type { TableRows } from "../normalize/row-batch.js";
import { NullMask } from "./null-mask.js";
import type { PoolColumn } from "./pool-column.js";
import { ValueConversionError } from "./value-conversion-error.js";
import { INVALID, vectorValueConverter } from "./vector-value-converter.js";

/** Rows per data chunk: DuckDB's vector size. */
const CHUNK_ROWS = 2048;

/** A row with, per appended column, where its value sits (-1: none). */
interface PlacedRow {
  readonly values: readonly unknown[];
  readonly from: Int32Array;
}

/**
 * Appends rows to pool tables through DuckDB's appender, a column at a
 * time into data chunks: numbers, dates and decimals are written into the
 * vectors' memory and only text crosses into native code per value. All
 * pages' rows for one table go in through one appender, since each flush
 * costs time per column whatever the row count. Writes happen inside the
 * connection's open transaction.
 */
export class TableAppender {
  readonly #connection: DuckDBConnection;
  readonly #types = new Map<string, DuckDBType[]>();

  constructor(connection: DuckDBConnection) {
    this.#connection = connection;
  }

  /**
   * Appends the rows of `parts` (one table's rows from several pages).
   *
   * @throws ValueConversionError naming the table, column and value that
   *   do not fit; the caller rolls the transaction back.
   */
  async append(
    table: string,
    parts: readonly TableRows[],
    poolColumns: readonly PoolColumn[],
  ): Promise<void> {
    const rows = placedRows(parts, poolColumns);
    if (rows.length === 0) return;
    const appender = await this.#connection.createAppender(table);
    try {
      if (appender.columnCount !== poolColumns.length) {
        throw new Error(
          `Table ${table} has ${appender.columnCount} columns, the store ` +
            `expected ${poolColumns.length}: it was altered by another ` +
            "writer. Retry the page; the store reloads the schema.",
        );
      }
      const types = this.#typesOf(table, poolColumns.length, appender);
      const converters = poolColumns.map((c) => vectorValueConverter(c.type));
      const filled = filledColumns(rows, poolColumns.length);
      for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
        const count = Math.min(CHUNK_ROWS, rows.length - start);
        const chunk = DuckDBDataChunk.create(types, count);
        const fill = { table, rows, columns: poolColumns, converters, filled };
        fillChunk(chunk, fill, start, count);
        appender.appendDataChunk(chunk);
      }
      appender.flushSync();
    } finally {
      appender.closeSync();
    }
  }

  /** Forgets cached column types (after a rollback or DDL). */
  reset(): void {
    this.#types.clear();
  }

  #typesOf(
    table: string,
    count: number,
    appender: { columnType(index: number): DuckDBType },
  ): DuckDBType[] {
    let types = this.#types.get(table);
    if (!types || types.length !== count) {
      types = Array.from({ length: count }, (_, i) => appender.columnType(i));
      this.#types.set(table, types);
    }
    return types;
  }
}

function placedRows(
  parts: readonly TableRows[],
  columns: readonly PoolColumn[],
): PlacedRow[] {
  const placed: PlacedRow[] = [];
  for (const part of parts) {
    if (part.rows.length === 0) continue;
    const index = new Map(part.columns.map((c, i) => [c.name, i]));
    const from = Int32Array.from(columns, (c) => index.get(c.name) ?? -1);
    for (const values of part.rows) placed.push({ values, from });
  }
  return placed;
}

/** Marks, per pool column, whether any row holds a value in it. */
function filledColumns(rows: readonly PlacedRow[], width: number): Uint8Array {
  const filled = new Uint8Array(width);
  let left = width;
  for (const { values, from } of rows) {
    for (let c = 0; c < width; c++) {
      if (filled[c] === 1) continue;
      const at = from[c] as number;
      if (at < 0) continue;
      const value = values[at];
      if (value === null || value === undefined) continue;
      filled[c] = 1;
      left--;
    }
    if (left === 0) break;
  }
  return filled;
}

/** One table's rows and how to write each of its columns. */
interface ChunkFill {
  readonly table: string;
  readonly rows: readonly PlacedRow[];
  readonly columns: readonly PoolColumn[];
  readonly converters: readonly ((value: unknown) => unknown)[];
  /** From `filledColumns`: 0 for a column null in every row. */
  readonly filled: Uint8Array;
}

function fillChunk(
  chunk: DuckDBDataChunk,
  fill: ChunkFill,
  start: number,
  count: number,
) {
  const { rows, columns, converters, filled } = fill;
  for (let c = 0; c < columns.length; c++) {
    const vector = chunk.getColumnVector(c);
    // Most catalog columns are empty in a page: mark them null at once.
    if (filled[c] === 0) {
      NullMask.allNull(count).apply(vector);
      vector.flush();
      continue;
    }
    const convert = converters[c] as (value: unknown) => unknown;
    const nulls = new NullMask(count);
    for (let r = 0; r < count; r++) {
      const row = rows[start + r] as PlacedRow;
      const at = row.from[c] as number;
      const value = at < 0 ? null : row.values[at];
      if (value === null || value === undefined) {
        nulls.setNull(r);
        continue;
      }
      const converted = convert(value);
      if (converted === INVALID) {
        const column = columns[c] as PoolColumn;
        throw new ValueConversionError(
          fill.table,
          column.name,
          column.spelling,
          value,
        );
      }
      vector.setItem(r, converted as never);
    }
    nulls.apply(vector);
    vector.flush();
  }
}
