import type { QueryPairs } from "./page-source.js";
import type { PartitionPlan } from "./partition-plan.js";

/** Coupa's largest page. */
export const PAGE_SIZE = 50;

/** What a table adds to every page query. */
export interface QueryExtras {
  /** Updated-at in query form (`updated_at`); null when the resource has none. */
  readonly updatedAt: string | null;
  readonly filter: QueryPairs;
  /** JSON of Coupa's `fields=`; undefined = all fields. */
  readonly fields?: string;
}

/**
 * The query of the next keyset page of a partition: ascending ids after
 * the cursor, within the partition's id range and updated-at window, plus
 * the table's filter and field selection. Never an offset: ids do not move
 * while records change, offsets do.
 *
 * @example
 * keysetQuery(plan, 1200, extras);
 * // order_by=id, dir=asc, limit=50, id[gt]=1200, updated_at[lt]=…
 */
export function keysetQuery(
  plan: Pick<PartitionPlan, "upToId" | "from" | "to">,
  cursor: number | null,
  extras: QueryExtras,
): (readonly [string, string])[] {
  const query: (readonly [string, string])[] = [
    ["order_by", "id"],
    ["dir", "asc"],
    ["limit", String(PAGE_SIZE)],
  ];
  if (cursor !== null) query.push(["id[gt]", String(cursor)]);
  if (plan.upToId !== null) query.push(["id[lt_or_eq]", String(plan.upToId)]);
  if (extras.updatedAt && plan.from) {
    query.push([`${extras.updatedAt}[gt_or_eq]`, coupaTime(plan.from)]);
  }
  if (extras.updatedAt && plan.to) {
    query.push([`${extras.updatedAt}[lt]`, coupaTime(plan.to)]);
  }
  query.push(...extras.filter);
  if (extras.fields) query.push(["fields", extras.fields]);
  return query;
}

/**
 * An instant in the form Coupa's filters document: ISO 8601 with a numeric
 * offset and second precision (`2025-03-04T17:12:44+00:00`).
 */
export function coupaTime(iso: string): string {
  return `${iso.slice(0, 19)}+00:00`;
}
