import { randomBytes } from "node:crypto";

/**
 * A new random id with a readable prefix (`pool_3f9a…`). Hex only, so an
 * id is safe in a file name (`pools/<poolId>.duckdb`) and a URL.
 *
 * @example
 * newId("pool"); // "pool_5d41402abc4b2a76"
 */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(8).toString("hex")}`;
}
