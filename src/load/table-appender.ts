import {
  type DuckDBAppender,
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

/** What one table keeps between appends. */
interface TableWriter {
  readonly appender: DuckDBAppender;
  readonly types: readonly DuckDBType[];
  /** Refilled for every slice of rows: native memory is freed only by GC. */
  readonly chunk: DuckDBDataChunk;
}

/**
 * Appends rows to pool tables through DuckDB's appender, a column at a
 * time into data chunks: numbers, dates and decimals are written into the
 * vectors' memory and only text crosses into native code per value.
 *
 * Each table keeps one appender and one data chunk across commits. Both
 * hold native buffers of a full vector per column (megabytes for a wide
 * Coupa table) that only the garbage collector would free, and the
 * collector does not see them: made per commit, they piled up to hundreds
 * of megabytes. An appender writes into whatever transaction its
 * connection has open, and every append ends with a flush, so nothing
 * stays buffered between commits.
 */
export class TableAppender {
  readonly #connection: DuckDBConnection;
  readonly #writers = new Map<string, TableWriter>();

  constructor(connection: DuckDBConnection) {
    this.#connection = connection;
  }

  /**
   * Appends the rows of `parts` (one table's rows from several pages)
   * into the connection's open transaction.
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
    const writer = await this.#writerOf(table, poolColumns.length);
    const { appender, chunk } = writer;
    try {
      const converters = poolColumns.map((c) => vectorValueConverter(c.type));
      const filled = filledColumns(rows, poolColumns.length);
      const fill = { table, rows, columns: poolColumns, converters, filled };
      for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
        const count = Math.min(CHUNK_ROWS, rows.length - start);
        chunk.reset();
        chunk.rowCount = count;
        fillChunk(chunk, fill, start, count);
        appender.appendDataChunk(chunk);
      }
      appender.flushSync();
    } catch (error) {
      // Rows already handed over go into the transaction the caller now
      // rolls back, never into a later one.
      this.#discard(table);
      throw error;
    }
  }

  /** Closes every appender (after a rollback or DDL, and at the end). */
  reset(): void {
    for (const table of [...this.#writers.keys()]) this.#discard(table);
  }

  async #writerOf(table: string, width: number): Promise<TableWriter> {
    const kept = this.#writers.get(table);
    if (kept && kept.types.length === width) return kept;
    if (kept) this.#discard(table);
    const appender = await this.#connection.createAppender(table);
    if (appender.columnCount !== width) {
      const found = appender.columnCount;
      appender.closeSync();
      throw new Error(
        `Table ${table} has ${found} columns, the store expected ${width}: ` +
          "it was altered by another writer. Retry the page; the store " +
          "reloads the schema.",
      );
    }
    const types = Array.from({ length: width }, (_, i) =>
      appender.columnType(i),
    );
    const writer = {
      appender,
      types,
      chunk: DuckDBDataChunk.create(types, CHUNK_ROWS),
    };
    this.#writers.set(table, writer);
    return writer;
  }

  #discard(table: string) {
    const writer = this.#writers.get(table);
    if (!writer) return;
    this.#writers.delete(table);
    try {
      writer.appender.closeSync();
    } catch {
      // Closing flushes; rows that fail were reported by the append.
    }
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
