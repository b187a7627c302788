import { mkdir, rm, stat } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { PoolPathError } from "./pool-path-error.js";

/** Options of `openPoolInstance`. */
export interface OpenPoolInstanceOptions {
  /** Create the file and its folder when missing; false for readers. */
  readonly create: boolean;
  /**
   * Block size in bytes of a file this call creates; default DuckDB's
   * (256 KB). An existing file keeps the block size it was created with.
   */
  readonly blockSize?: number;
}

/**
 * The DuckDB instance of a pool file, shared through DuckDB's instance
 * cache so a server and the runs it starts in one process use one
 * instance. Creates the file and its folder when missing, unless
 * `create` is false (readers).
 *
 * @throws PoolPathError when the path is a directory, its folder cannot be
 *   created or written, the file is not a DuckDB database, or another
 *   process holds it.
 */
export async function openPoolInstance(
  path: string,
  options: OpenPoolInstanceOptions = { create: true },
): Promise<DuckDBInstance> {
  const absolute = resolve(path);
  const exists = await checkPath(absolute, options.create);
  try {
    if (!exists && options.blockSize !== undefined) {
      await createFile(absolute, options.blockSize);
    }
    return await DuckDBInstance.fromCache(absolute);
  } catch (error) {
    throw new PoolPathError(absolute, problemOf(error), { cause: error });
  }
}

/**
 * Whether the file exists; creates its folder when it does not. An empty
 * file (a process killed while DuckDB created it) holds nothing and is
 * removed when creating: DuckDB refuses to open it.
 */
async function checkPath(path: string, create: boolean): Promise<boolean> {
  const found = await stat(path).catch(() => undefined);
  if (found?.isDirectory()) throw new PoolPathError(path, "directory");
  if (found && !(create && found.isFile() && found.size === 0)) return true;
  if (found) await rm(path, { force: true });
  if (!create) throw new PoolPathError(path, "missing");
  try {
    await mkdir(dirname(path), { recursive: true });
  } catch (error) {
    throw new PoolPathError(path, "unwritable", { cause: error });
  }
  return false;
}

/**
 * Creates the file with its block size through an instance of its own:
 * the block size is fixed when a file is created, and instances from the
 * cache must all be opened with one configuration.
 */
async function createFile(path: string, blockSize: number): Promise<void> {
  const instance = await DuckDBInstance.create(path, {
    default_block_size: String(blockSize),
  });
  try {
    const connection = await instance.connect();
    await connection.run("CHECKPOINT");
    connection.closeSync();
  } finally {
    instance.closeSync();
  }
}

function problemOf(error: unknown): "not-duckdb" | "locked" | "unwritable" {
  const message = error instanceof Error ? error.message : String(error);
  if (/not a valid DuckDB database|invalid.*(header|magic)/i.test(message)) {
    return "not-duckdb";
  }
  if (/lock/i.test(message)) return "locked";
  return "unwritable";
}
