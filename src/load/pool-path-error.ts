/** Why a pool file cannot be opened. */
export type PoolPathProblem =
  | "directory" // the path names a directory
  | "unwritable" // the folder cannot be created or written
  | "not-duckdb" // the file exists but is no DuckDB database
  | "locked" // another process holds the file
  | "missing"; // a reader found no pool file

const FIXES: Readonly<Record<PoolPathProblem, string>> = {
  directory:
    "it is a directory. Name a file inside it, e.g. <dir>/pool.duckdb.",
  unwritable:
    "its folder cannot be created or written. Choose a writable " +
    "location or fix the folder's permissions.",
  "not-duckdb":
    "the file exists but is not a DuckDB database. Point to a new file " +
    "name or to an existing pool; do not reuse other files.",
  missing:
    "there is no pool file there yet. Check the path, or run an " +
    "extraction first to create the pool.",
  locked:
    "another process holds it open. Stop that process (an extraction or " +
    "server using this pool) or use another pool file.",
};

/**
 * The pool path cannot be used. Terminal except for `locked`, which
 * clears when the other process ends.
 */
export class PoolPathError extends Error {
  override readonly name = "PoolPathError";
  /** Stable code for callers and the API. */
  readonly code = "POOL_PATH";
  readonly retryable: boolean;

  constructor(
    readonly path: string,
    readonly problem: PoolPathProblem,
    options?: { cause?: unknown },
  ) {
    super(`Cannot open the pool at ${path}: ${FIXES[problem]}`, options);
    this.retryable = problem === "locked";
  }
}
