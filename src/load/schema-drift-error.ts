import type { SchemaChange } from "./pool-store.js";

/**
 * Columns differ from the pool's under the `fail` drift policy. Thrown
 * before anything of the page is written.
 */
export class SchemaDriftError extends Error {
  override readonly name = "SchemaDriftError";
  /** Stable code for callers and the API. */
  readonly code = "SCHEMA_DRIFT";
  /** The same data meets the same schema: retrying cannot help. */
  readonly retryable = false;

  constructor(readonly changes: readonly SchemaChange[]) {
    const tables = [...new Set(changes.map((c) => c.table))];
    super(
      `Schema drift in ${tables.join(", ")}: ${changes.map(describe).join("; ")}. ` +
        "The table's drift policy is fail, so nothing was written. To " +
        "accept the change set `drift: evolve` for the table; to keep the " +
        "old shape, select the columns explicitly.",
    );
  }
}

function describe(change: SchemaChange): string {
  const where = `${change.table}.${change.column}`;
  const source = change.source ? ` (from ${change.source})` : "";
  switch (change.change) {
    case "added":
      return `column ${where}${source} added as ${change.to}`;
    case "removed":
      return `column ${where} removed (was ${change.from})`;
    case "retyped":
      return `column ${where}${source} retyped from ${change.from} to ${change.to}`;
  }
}
