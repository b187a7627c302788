import { mkdir, stat } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { PoolPathError } from "./pool-path-error.js";

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
  options: { create: boolean } = { create: true },
): Promise<DuckDBInstance> {
  const absolute = resolve(path);
  await checkPath(absolute, options.create);
  try {
    return await DuckDBInstance.fromCache(absolute);
  } catch (error) {
    throw new PoolPathError(absolute, problemOf(error), { cause: error });
  }
}

async function checkPath(path: string, create: boolean) {
  const found = await stat(path).catch(() => undefined);
  if (found?.isDirectory()) throw new PoolPathError(path, "directory");
  if (found) return;
  if (!create) throw new PoolPathError(path, "missing");
  try {
    await mkdir(dirname(path), { recursive: true });
  } catch (error) {
    throw new PoolPathError(path, "unwritable", { cause: error });
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
