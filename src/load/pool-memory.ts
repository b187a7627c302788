/**
 * DuckDB memory limits of a pool, in MB, and the block size they depend
 * on (see `DuckDbPoolStoreOptions.memoryLimitMb`). Apart from the store so
 * config parsing can check a limit without loading DuckDB.
 */
import type { DuckDBConnection } from "@duckdb/node-api";

/** The default memory limit, and the least for a 256 KB-block file. */
export const MIN_MEMORY_LIMIT_MB = 256;

/** The least memory limit of all: for a file with 16 KB blocks. */
export const MIN_SMALL_BLOCK_MEMORY_LIMIT_MB = 64;

/** Block size of pool files created with a limit under 256 MB. */
export const SMALL_BLOCK_SIZE = 16_384;

/** The least memory limit, in MB, for a pool file of this block size. */
export function minMemoryLimitMb(blockSize: number): number {
  return blockSize <= SMALL_BLOCK_SIZE
    ? MIN_SMALL_BLOCK_MEMORY_LIMIT_MB
    : MIN_MEMORY_LIMIT_MB;
}

/** The block size in bytes of the database a connection is on. */
export async function blockSizeOf(connection: DuckDBConnection) {
  const reader = await connection.runAndReadAll(
    `SELECT block_size FROM pragma_database_size()
     WHERE database_name = current_database()`,
  );
  return Number(reader.getRows()[0]?.[0] ?? 0);
}
