import { PAGE_SIZE } from "./keyset-query.js";
import type { Partition, PartitionPlan } from "./partition-plan.js";

/** What every partition of one table shares. */
export type PlanBase = Pick<
  PartitionPlan,
  "mode" | "from" | "to" | "runTo" | "fingerprint"
>;

/** Options of `planIdPartitions`. */
export interface IdPartitionOptions {
  /** Workers sharing the rate limiter; more partitions keep them busy. */
  readonly workers: number;
  /** Largest partition in ids; default 5,000 (about 100 pages). */
  readonly maxIds?: number;
  /** Smallest partition in ids; default 250 (about 5 pages). */
  readonly minIds?: number;
  /**
   * Leave the last partition open upwards, so it also reads ids created
   * after planning. Default true; a table read closes it at `max`, since
   * what is created after its window's end belongs to the next delta.
   */
  readonly openEnd?: boolean;
}

/**
 * Splits the id range `[min, max]` into contiguous partitions: about three
 * per worker so the last pages of a run still keep every worker busy,
 * bounded so that a partition is between a few and about 100 pages, and
 * sized in whole pages so that dense ids fill every page. The last
 * partition is open upwards unless `openEnd` is false.
 *
 * @example
 * planIdPartitions("ids", 1, 20_000, base, { workers: 16 }).length; // 45
 */
export function planIdPartitions(
  kind: "ids" | "children",
  min: number,
  max: number,
  base: PlanBase,
  options: IdPartitionOptions,
): Partition[] {
  const span = max - min + 1;
  const wanted = Math.ceil(span / (options.workers * 3));
  const size = wholePages(
    clamp(wanted, options.minIds ?? 250, options.maxIds ?? 5_000),
  );
  const open = options.openEnd ?? true;
  const partitions: Partition[] = [];
  for (let low = min; low <= max; low += size) {
    const high = Math.min(low + size - 1, max);
    const last = high >= max && open;
    partitions.push(
      newPartition(`${kind}:${low}-${last ? "" : high}`, {
        ...base,
        kind,
        afterId: low - 1,
        upToId: last ? null : high,
      }),
    );
  }
  return partitions;
}

/** Ids of a page read while planning: its lowest and highest. */
export interface PageIds {
  readonly firstId: number;
  readonly lastId: number;
}

/**
 * Partitions of a full load whose first and last pages were read while
 * planning (ascending and descending by id, 50 each). Each page is a
 * partition of its own, done once it is committed; the ids between them
 * are split by `planIdPartitions`, the last partition closed below the
 * last page. A first page that is not full was the whole window. A last
 * page that reaches down to the first holds every id above it: its
 * partition then starts right after the first page.
 *
 * @example
 * const first = { firstId: 1, lastId: 50 };
 * const last = { firstId: 19_951, lastId: 20_000 };
 * planBetweenPages(first, true, last, base, { workers: 32 }).map((p) => p.key);
 * // ["ids:1-50", "ids:51-300", …, "ids:19801-19950", "ids:19951-20000"]
 */
export function planBetweenPages(
  first: PageIds,
  full: boolean,
  last: PageIds | undefined,
  base: PlanBase,
  options: Pick<IdPartitionOptions, "workers">,
): Partition[] {
  const head = pagePartition(first.firstId, first.lastId, base);
  if (!full || !last || last.lastId <= first.lastId) return [head];
  if (last.firstId <= first.lastId + 1) {
    return [head, pagePartition(first.lastId + 1, last.lastId, base)];
  }
  const between = { ...options, openEnd: false };
  const low = first.lastId + 1;
  const high = last.firstId - 1;
  const middle = planIdPartitions("ids", low, high, base, between);
  return [head, ...middle, pagePartition(last.firstId, last.lastId, base)];
}

function pagePartition(low: number, high: number, base: PlanBase): Partition {
  return newPartition(`ids:${low}-${high}`, {
    ...base,
    kind: "ids",
    afterId: low - 1,
    upToId: high,
  });
}

/**
 * Splits a delta's window `[from, to)` into time slices of at most
 * `sliceMs` (default 15 minutes), at most `maxSlices` (default 8), each
 * read over all ids.
 */
export function planTimeSlices(
  from: Date,
  to: Date,
  base: PlanBase,
  options: { sliceMs?: number; maxSlices?: number } = {},
): Partition[] {
  const span = Math.max(0, to.getTime() - from.getTime());
  const count = clamp(
    Math.ceil(span / (options.sliceMs ?? 900_000)),
    1,
    options.maxSlices ?? 8,
  );
  const step = Math.ceil(span / count / 1000) * 1000;
  const partitions: Partition[] = [];
  for (let i = 0; i < count; i++) {
    const start = new Date(from.getTime() + i * step);
    const end = i === count - 1 ? to : new Date(start.getTime() + step);
    if (start >= end && i > 0) break;
    partitions.push(
      newPartition(`slice:${start.toISOString()}`, {
        ...base,
        kind: "slice",
        afterId: null,
        upToId: null,
        from: start.toISOString(),
        to: end.toISOString(),
      }),
    );
  }
  return partitions;
}

/**
 * Rounds a partition up to whole pages. Dense ids then fill every page,
 * the last one included; the empty range after it costs no request (see
 * `EmptyRangeSkipper`).
 */
function wholePages(size: number): number {
  if (size < PAGE_SIZE) return size;
  return Math.ceil(size / PAGE_SIZE) * PAGE_SIZE;
}

function newPartition(key: string, plan: PartitionPlan): Partition {
  return { key, plan, lastId: null, done: false };
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}
