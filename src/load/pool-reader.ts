import type {
  DuckDBConnection,
  DuckDBInstance,
  DuckDBResultReader,
} from "@duckdb/node-api";
import { DuckDBTypeId } from "@duckdb/node-api";
import { openPoolInstance } from "./open-pool-instance.js";
import { blockSizeOf } from "./pool-memory.js";
import { sqlQuoting } from "./sql-quoting.js";

/** A pool table as the reader lists it. */
export interface PoolTableInfo {
  readonly name: string;
  readonly rows: number;
  readonly columns: readonly { name: string; type: string }[];
}

/** A run as recorded in `_runs`. */
export interface PoolRunInfo {
  readonly runId: string;
  readonly mode: string;
  readonly tables: readonly string[];
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly status: string;
  readonly report: unknown;
}

/** Options of `PoolReader.rows`. */
export interface RowsOptions {
  readonly limit: number;
  readonly offset: number;
  /** A column name to sort by, ascending; default the table's order. */
  readonly orderBy?: string;
}

/**
 * Read side of a pool for the server, the CLI report and tests. Values
 * come back JSON-safe and exact: BIGINT as number (text beyond 2^53),
 * DECIMAL as text, timestamps as ISO 8601 text in UTC, DATE as
 * `YYYY-MM-DD`.
 *
 * @example
 * const reader = await PoolReader.open("data/pool.duckdb");
 * await reader.rows("invoices", { limit: 10, offset: 0, orderBy: "id" });
 */
export class PoolReader {
  readonly #instance: DuckDBInstance;
  readonly #connection: DuckDBConnection;

  private constructor(instance: DuckDBInstance, connection: DuckDBConnection) {
    this.#instance = instance;
    this.#connection = connection;
  }

  /**
   * Opens a pool (the same cached instance a store in this process uses).
   *
   * @throws PoolPathError when no pool file is there (`missing`) or the
   *   path cannot be a pool.
   */
  static async open(path: string): Promise<PoolReader> {
    const instance = await openPoolInstance(path, { create: false });
    return new PoolReader(instance, await instance.connect());
  }

  /** Extracted tables first, then bookkeeping ones, with counts. */
  async tables(): Promise<PoolTableInfo[]> {
    const reader = await this.#connection.runAndReadAll(
      `SELECT table_name, column_name, data_type FROM duckdb_columns()
       WHERE database_name = current_database() AND schema_name = 'main'
         AND NOT internal
       ORDER BY starts_with(table_name, '_'), table_name, column_index`,
    );
    const columns = new Map<string, { name: string; type: string }[]>();
    for (const [table, name, type] of reader.getRows()) {
      const list = columns.get(String(table)) ?? [];
      list.push({ name: String(name), type: String(type) });
      columns.set(String(table), list);
    }
    const out: PoolTableInfo[] = [];
    for (const [name, list] of columns) {
      const count = await this.#connection.runAndReadAll(
        `SELECT count(*) FROM ${sqlQuoting.identifier(name)}`,
      );
      out.push({ name, rows: Number(count.getRows()[0]?.[0]), columns: list });
    }
    return out;
  }

  /**
   * A page of a table's rows.
   *
   * @throws Error naming the known tables or columns when `table` or
   *   `orderBy` is not one of them.
   */
  async rows(
    table: string,
    options: RowsOptions,
  ): Promise<Record<string, unknown>[]> {
    const columns = await this.#columnNames(table);
    if (columns.length === 0) {
      const known = (await this.#tableNames()).join(", ");
      throw new Error(`No table "${table}" in the pool. Tables: ${known}.`);
    }
    const order = options.orderBy;
    if (order !== undefined && !columns.includes(order)) {
      throw new Error(
        `Cannot order ${table} by "${order}": no such column. ` +
          `Columns: ${columns.join(", ")}.`,
      );
    }
    const orderSql = order ? ` ORDER BY ${sqlQuoting.identifier(order)}` : "";
    return this.query(
      `SELECT * FROM ${sqlQuoting.identifier(table)}${orderSql} ` +
        `LIMIT ${Math.max(0, Math.floor(options.limit))} ` +
        `OFFSET ${Math.max(0, Math.floor(options.offset))}`,
    );
  }

  async #columnNames(table: string): Promise<string[]> {
    const reader = await this.#connection.runAndReadAll(
      `SELECT column_name FROM duckdb_columns()
       WHERE database_name = current_database() AND schema_name = 'main'
         AND table_name = $1 ORDER BY column_index`,
      [table],
    );
    return reader.getRows().map(([name]) => String(name));
  }

  async #tableNames(): Promise<string[]> {
    const reader = await this.#connection.runAndReadAll(
      `SELECT table_name FROM duckdb_tables()
       WHERE database_name = current_database() AND schema_name = 'main'
       ORDER BY starts_with(table_name, '_'), table_name`,
    );
    return reader.getRows().map(([name]) => String(name));
  }

  /** The pool file's block size in bytes (it bounds DuckDB's memory cap). */
  blockSize(): Promise<number> {
    return blockSizeOf(this.#connection);
  }

  /** Any read-only SQL; rows as JSON-safe objects. */
  async query(sql: string): Promise<Record<string, unknown>[]> {
    return jsonSafeRows(await this.#connection.runAndReadAll(sql));
  }

  /** Runs newest first. */
  async runs(): Promise<PoolRunInfo[]> {
    const rows = await this.query(
      "SELECT * FROM _runs ORDER BY started_at DESC",
    );
    return rows.map((row) => ({
      runId: String(row.run_id),
      mode: String(row.mode),
      tables: parseJson(row.tables) as string[],
      startedAt: String(row.started_at),
      finishedAt: row.finished_at === null ? null : String(row.finished_at),
      status: String(row.status),
      report: parseJson(row.report),
    }));
  }

  /** Closes this reader's connection (the file stays open for others). */
  async close(): Promise<void> {
    this.#connection.closeSync();
    this.#instance.closeSync();
  }
}

function jsonSafeRows(reader: DuckDBResultReader): Record<string, unknown>[] {
  const names = reader.columnNames();
  const types = reader.columnTypes();
  const js = reader.getRowsJS();
  const json = reader.getRowsJson();
  return js.map((row, r) => {
    const out: Record<string, unknown> = {};
    names.forEach((name, c) => {
      out[name] = jsonSafe(types[c]?.typeId, row[c], json[r]?.[c]);
    });
    return out;
  });
}

function jsonSafe(
  typeId: DuckDBTypeId | undefined,
  js: unknown,
  json: unknown,
): unknown {
  if (js === null || js === undefined) return null;
  switch (typeId) {
    case DuckDBTypeId.DECIMAL:
    case DuckDBTypeId.DATE:
      return json;
    case DuckDBTypeId.TIMESTAMP_TZ:
    case DuckDBTypeId.TIMESTAMP:
      return js instanceof Date ? js.toISOString() : json;
    default:
      if (typeof js === "bigint") {
        return Number.isSafeInteger(Number(js)) ? Number(js) : js.toString();
      }
      return js;
  }
}

function parseJson(value: unknown): unknown {
  if (typeof value !== "string") return value ?? null;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
