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
}

/**
 * Splits the id range `[min, max]` into contiguous partitions: about three
 * per worker so the last pages of a run still keep every worker busy,
 * bounded so that a partition is between a few and about 100 pages. The
 * last partition is open upwards.
 *
 * @example
 * planIdPartitions("ids", 1, 20_000, base, { workers: 16 }).length; // 48
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
  const size = offPageSize(
    clamp(wanted, options.minIds ?? 250, options.maxIds ?? 5_000),
  );
  const partitions: Partition[] = [];
  for (let low = min; low <= max; low += size) {
    const high = low + size - 1;
    const last = high >= max;
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
 * A partition of dense ids whose size is a multiple of the page size ends
 * with a full page and needs one more, empty, request to know it ended;
 * one id less ends it with a short page instead.
 */
function offPageSize(size: number): number {
  return size > PAGE_SIZE && size % PAGE_SIZE === 0 ? size - 1 : size;
}

function newPartition(key: string, plan: PartitionPlan): Partition {
  return { key, plan, lastId: null, done: false };
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}
