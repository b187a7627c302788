import { resolve } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";

/** Rows of a SQL query on a pool file, values as plain JS. */
export async function poolQuery(
  poolPath: string,
  sql: string,
): Promise<Record<string, unknown>[]> {
  // The store opens pools through DuckDB's instance cache; sharing it
  // avoids a second instance (and its file lock) in this process.
  const instance = await DuckDBInstance.fromCache(resolve(poolPath));
  const connection = await instance.connect();
  try {
    const reader = await connection.runAndReadAll(sql);
    return reader.getRowObjectsJS() as Record<string, unknown>[];
  } finally {
    connection.closeSync();
  }
}
