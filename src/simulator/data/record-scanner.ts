import { BASE_TIMELINE } from "./base-timeline.js";
import type { ResourceModel } from "./resource-model.js";
import type { ScanOptions, SimRecord } from "./simulator-data.js";

/**
 * Live records of a resource in id order, restricted by the hints, built
 * one at a time. Skipped ids are never built: id bounds narrow the range,
 * the update window is checked on `updatedAt` first, and a window that
 * starts after all base data visits only the stored changes.
 */
export function* scanRecords(
  model: ResourceModel,
  options: ScanOptions = {},
): Generator<SimRecord> {
  const ids = candidateIds(model, options);
  const from = options.updatedFrom ?? Number.NEGATIVE_INFINITY;
  const before = options.updatedBefore ?? Number.POSITIVE_INFINITY;
  for (const id of ids) {
    if (!model.isLive(id)) continue;
    const updatedAt = model.updatedAt(id);
    if (updatedAt < from || updatedAt >= before) continue;
    yield model.build(id);
  }
}

function candidateIds(
  model: ResourceModel,
  options: ScanOptions,
): Iterable<number> {
  const low = Math.max(1, Math.floor(options.afterId ?? 0) + 1);
  const high = Math.min(
    model.maxId(),
    Math.ceil(options.beforeId ?? Number.POSITIVE_INFINITY) - 1,
  );
  const from = options.updatedFrom ?? Number.NEGATIVE_INFINITY;
  const descending = options.descending === true;
  if (from >= BASE_TIMELINE.updatedBefore) {
    return changedBetween(model.changedIds(), low, high, descending);
  }
  return descending ? countDown(high, low) : countUp(low, high);
}

function* countUp(low: number, high: number): Generator<number> {
  for (let id = low; id <= high; id++) yield id;
}

function* countDown(high: number, low: number): Generator<number> {
  for (let id = high; id >= low; id--) yield id;
}

function* changedBetween(
  sorted: readonly number[],
  low: number,
  high: number,
  descending: boolean,
): Generator<number> {
  if (descending) {
    for (let i = firstAbove(sorted, high) - 1; i >= 0; i--) {
      const id = sorted[i] as number;
      if (id < low) return;
      yield id;
    }
    return;
  }
  for (let i = firstAbove(sorted, low - 1); i < sorted.length; i++) {
    const id = sorted[i] as number;
    if (id > high) return;
    yield id;
  }
}

/** Index of the first id greater than `bound` (binary search). */
function firstAbove(sorted: readonly number[], bound: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] as number) <= bound) low = middle + 1;
    else high = middle;
  }
  return low;
}
