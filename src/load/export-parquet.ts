import { mkdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { PoolReader } from "./pool-reader.js";
import { sqlQuoting } from "./sql-quoting.js";

/** One table written by `exportParquet`. */
export interface ParquetFile {
  readonly table: string;
  readonly rows: number;
  /** Absolute path of `<outDir>/<table>.parquet`. */
  readonly file: string;
}

/** Options of `exportParquet`. */
export interface ExportParquetOptions {
  /** Also write the `_` bookkeeping tables; default false. */
  readonly bookkeeping?: boolean;
}

/**
 * Writes each extracted table of a pool as `<outDir>/<table>.parquet`
 * (zstd-compressed) with DuckDB's own Parquet writer, creating `outDir`.
 * Types carry over: decimals stay exact, timestamps keep their instant.
 *
 * @example
 * await exportParquet("data/pool.duckdb", "out/");
 * // [{ table: "invoices", rows: 1200, file: "/…/out/invoices.parquet" }, …]
 */
export async function exportParquet(
  poolPath: string,
  outDir: string,
  options: ExportParquetOptions = {},
): Promise<ParquetFile[]> {
  const dir = resolve(outDir);
  await mkdir(dir, { recursive: true });
  const reader = await PoolReader.open(poolPath);
  try {
    const tables = (await reader.tables()).filter(
      (t) => options.bookkeeping || !t.name.startsWith("_"),
    );
    const files: ParquetFile[] = [];
    for (const table of tables) {
      const file = join(dir, `${table.name}.parquet`);
      await reader.query(
        `COPY ${sqlQuoting.identifier(table.name)} TO ${sqlQuoting.literal(file)} ` +
          "(FORMAT parquet, COMPRESSION zstd)",
      );
      files.push({ table: table.name, rows: table.rows, file });
    }
    return files;
  } finally {
    await reader.close();
  }
}
