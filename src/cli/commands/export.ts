import { existsSync } from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { exportParquet } from "../../load/export-parquet.js";

interface ExportOptions {
  readonly pool: string;
  readonly format: string;
  readonly out: string;
}

/**
 * Registers `coupa-extractor export --pool <file> --format parquet --out
 * <dir>`: every pool table as `<dir>/<table>.parquet`. Exit 0 on success,
 * 1 when the export fails, 2 for bad usage (unknown format, missing pool).
 */
export function registerExport(program: Command): void {
  program
    .command("export")
    .description("Write every pool table to files, e.g. Parquet")
    .requiredOption("--pool <file>", "the pool's DuckDB file")
    .option("--format <format>", "file format (parquet)", "parquet")
    .requiredOption("--out <dir>", "folder to write the files to")
    .action(async (options: ExportOptions) => {
      process.exitCode = await runExport(options);
    });
}

async function runExport(options: ExportOptions): Promise<number> {
  if (options.format !== "parquet") {
    console.error(
      `Unknown format "${options.format}": only parquet is supported; ` +
        "use --format parquet.",
    );
    return 2;
  }
  const pool = path.resolve(options.pool);
  if (!existsSync(pool)) {
    console.error(
      `No pool at ${pool}: give the DuckDB file an extraction wrote ` +
        "(see extract --config, pool.path).",
    );
    return 2;
  }
  try {
    const files = await exportParquet(pool, path.resolve(options.out));
    for (const file of files) {
      console.log(`${file.table}: ${file.rows} rows -> ${file.file}`);
    }
    console.log(`Exported ${files.length} tables to ${options.out}.`);
    return 0;
  } catch (error) {
    console.error((error as Error).message);
    return 1;
  }
}
