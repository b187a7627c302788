import type { QueryPairs } from "./page-source.js";
import { recordId } from "./record-id.js";
import type { TableContext } from "./table-context.js";

/** Lowest and highest id of a resource; undefined when it is empty. */
export type IdRange =
  | { readonly min: number; readonly max: number }
  | undefined;

/**
 * Finds the lowest and highest id of a list endpoint with one request
 * each (`limit=1`, ids only, ascending and descending), under the table's
 * filter. Their answers also tell the run Coupa's clock when no token
 * answer did.
 */
export async function probeIdRange(
  context: TableContext,
  path: string,
  filter: QueryPairs,
): Promise<IdRange> {
  const [low, high] = await Promise.all(
    (["asc", "desc"] as const).map((dir) => probe(context, path, filter, dir)),
  );
  if (low === undefined || high === undefined) return undefined;
  return { min: low, max: Math.max(low, high) };
}

/**
 * The highest id of a list endpoint under the table's filter (one
 * request, ids only), or undefined when it is empty.
 */
export function probeHighestId(
  context: TableContext,
  path: string,
  filter: QueryPairs,
): Promise<number | undefined> {
  return probe(context, path, filter, "desc");
}

async function probe(
  context: TableContext,
  path: string,
  filter: QueryPairs,
  dir: "asc" | "desc",
): Promise<number | undefined> {
  const query: (readonly [string, string])[] = [
    ["order_by", "id"],
    ["dir", dir],
    ["limit", "1"],
    ...filter,
    ["fields", '["id"]'],
  ];
  const page = await context.source.getPage(path, query, {
    signal: context.signal,
  });
  context.window.observe(page.serverDate);
  const first = page.records[0];
  return first ? recordId(first, path) : undefined;
}
