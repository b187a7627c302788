import { join } from "node:path";

/**
 * Where the server keeps its files inside the data directory: the
 * metadata database, the master key file and one DuckDB file per pool.
 */
export class DataPaths {
  constructor(readonly dataDir: string) {}

  /** The SQLite file with pools, connections, jobs, runs and tokens. */
  get metadata(): string {
    return join(this.dataDir, "metadata.sqlite");
  }

  /** Folder of the pools' DuckDB files. */
  get pools(): string {
    return join(this.dataDir, "pools");
  }

  /** The DuckDB file of one pool: `<dataDir>/pools/<poolId>.duckdb`. */
  pool(poolId: string): string {
    return join(this.pools, `${poolId}.duckdb`);
  }
}
