import { resolve } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import type { SimulatorData } from "../../src/simulator/data/simulator-data.js";

/**
 * What a pool holds of one resource, in the terms of the simulator's
 * ground truth: `id@updated-at` per live parent, and the child row count
 * of one nested collection (when named).
 */
export interface Snapshot {
  readonly parents: string[];
  readonly children?: number;
}

/** The snapshot the pool should hold, from the simulator's ground truth. */
export function expectedSnapshot(
  data: SimulatorData,
  resource: string,
  collection?: string,
): Snapshot {
  const truth = [...data.groundTruth(resource)];
  const parents = truth.map(
    (r) => `${r.id}@${Date.parse(String(r["updated-at"]))}`,
  );
  if (!collection) return { parents };
  const children = truth.reduce((sum, record) => {
    const list = record[collection];
    return sum + (Array.isArray(list) ? list.length : 0);
  }, 0);
  return { parents, children };
}

/** The snapshot a pool file holds (`<resource>__<collection>` children). */
export async function poolSnapshot(
  poolPath: string,
  resource: string,
  collection?: string,
): Promise<Snapshot> {
  // Through DuckDB's instance cache, as the pool store opens it, so no
  // second instance fights over the file lock.
  const instance = await DuckDBInstance.fromCache(resolve(poolPath));
  const connection = await instance.connect();
  try {
    const rows = await connection.runAndReadAll(
      `SELECT id, epoch_ms(updated_at) AS ms FROM "${resource}" ` +
        "WHERE _deleted_at IS NULL ORDER BY id",
    );
    const parents = rows
      .getRowObjectsJS()
      .map((row) => `${Number(row.id)}@${Number(row.ms)}`);
    if (!collection) return { parents };
    const table = `${resource}__${collection.replaceAll("-", "_")}`;
    const count = await connection.runAndReadAll(
      `SELECT count(*) AS n FROM "${table}"`,
    );
    return { parents, children: Number(count.getRowObjectsJS()[0]?.n) };
  } finally {
    connection.closeSync();
  }
}
