import type { DuckDBConnection } from "@duckdb/node-api";
import {
  holdsColumnType,
  widenColumnType,
} from "../normalize/column-type-widening.js";
import type { ColumnSpec, ColumnType } from "../normalize/row-batch.js";
import {
  columnTypeFromDuckDb,
  duckDbColumnType,
} from "./duckdb-column-type.js";
import type { PoolColumn } from "./pool-column.js";
import { sqlQuoting } from "./sql-quoting.js";

/** How a table's columns must change to take a set of columns. */
export interface TableDiff {
  readonly table: string;
  /** The table does not exist yet: create it with `added`. */
  readonly create: boolean;
  readonly added: readonly ColumnSpec[];
  readonly retyped: readonly {
    readonly spec: ColumnSpec;
    readonly from: ColumnType;
    readonly to: ColumnType;
  }[];
}

/**
 * The store's picture of the pool's tables and columns, read from DuckDB
 * once and kept current as the store changes them: looking columns up for
 * every page would cost a query per page.
 */
export class PoolSchema {
  #tables = new Map<string, PoolColumn[]>();

  /** Reads every table's columns (all of them, or the named ones). */
  async load(connection: DuckDBConnection, only?: readonly string[]) {
    const filter = only
      ? `AND table_name IN (${only.map(sqlQuoting.literal).join(", ")})`
      : "";
    const reader = await connection.runAndReadAll(
      `SELECT table_name, column_name, data_type FROM duckdb_columns()
       WHERE database_name = current_database() AND schema_name = 'main'
         AND NOT internal ${filter}
       ORDER BY table_name, column_index`,
    );
    const next = only ? this.#tables : new Map<string, PoolColumn[]>();
    for (const name of only ?? []) next.delete(name);
    for (const [table, name, spelling] of reader.getRows()) {
      const list = next.get(String(table)) ?? [];
      list.push({
        name: String(name),
        type: columnTypeFromDuckDb(String(spelling)),
        spelling: String(spelling),
      });
      next.set(String(table), list);
    }
    this.#tables = next;
  }

  /** Columns of a table in order, or undefined when it does not exist. */
  columns(table: string): readonly PoolColumn[] | undefined {
    return this.#tables.get(table);
  }

  /** Child tables of a parent table, at every depth. */
  childTables(parent: string): string[] {
    const prefix = `${parent}__`;
    return [...this.#tables.keys()].filter((t) => t.startsWith(prefix));
  }

  /** Extracted tables (not the `_` bookkeeping ones). */
  extractedTables(): string[] {
    return [...this.#tables.keys()].filter((t) => !t.startsWith("_")).sort();
  }

  /** What must change for `table` to take `columns`; no change is `[]`. */
  diff(table: string, columns: readonly ColumnSpec[]): TableDiff {
    const existing = this.#tables.get(table);
    if (!existing) {
      return { table, create: true, added: columns, retyped: [] };
    }
    const byName = new Map(existing.map((c) => [c.name, c]));
    const added: ColumnSpec[] = [];
    const retyped: TableDiff["retyped"][number][] = [];
    for (const spec of columns) {
      const column = byName.get(spec.name);
      if (!column) added.push(spec);
      else if (!holdsColumnType(column.type, spec.type)) {
        const to = widenColumnType(column.type, spec.type);
        retyped.push({ spec, from: column.type, to });
      }
    }
    return { table, create: false, added, retyped };
  }

  /** The DDL that applies a diff. */
  statements(diff: TableDiff): string[] {
    const table = sqlQuoting.identifier(diff.table);
    if (diff.create) {
      const columns = diff.added.map(
        (c) => `${sqlQuoting.identifier(c.name)} ${duckDbColumnType(c.type)}`,
      );
      return [`CREATE TABLE IF NOT EXISTS ${table} (${columns.join(", ")})`];
    }
    return [
      ...diff.added.map(
        (c) =>
          `ALTER TABLE ${table} ADD COLUMN ${sqlQuoting.identifier(c.name)} ` +
          duckDbColumnType(c.type),
      ),
      ...diff.retyped.map(
        ({ spec, to }) =>
          `ALTER TABLE ${table} ALTER COLUMN ${sqlQuoting.identifier(spec.name)} ` +
          `TYPE ${duckDbColumnType(to)}`,
      ),
    ];
  }
}

/** True when a diff changes nothing. */
export function isEmptyDiff(diff: TableDiff): boolean {
  return !diff.create && diff.added.length === 0 && diff.retyped.length === 0;
}
