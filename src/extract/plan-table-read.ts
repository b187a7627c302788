import type { Checkpoint } from "../load/pool-store.js";
import type { TableSettings } from "../normalize/table-settings.js";
import { keysetQuery, PAGE_SIZE } from "./keyset-query.js";
import { fromCheckpoint } from "./partition-checkpoint.js";
import type { Partition } from "./partition-plan.js";
import {
  type PageIds,
  type PlanBase,
  planBetweenPages,
  planIdPartitions,
  planTimeSlices,
} from "./plan-partitions.js";
import {
  type IdRange,
  probeHighestId,
  probeIdRange,
} from "./probe-id-range.js";
import type { KeysetPage } from "./read-partition.js";
import { recordId } from "./record-id.js";
import type { TableContext } from "./table-context.js";

/** Requested mode of a run; `auto` = delta when a watermark exists. */
export type ExtractionMode = "full" | "delta" | "auto";

/** What the pool holds about a table when a run starts. */
export interface TableBookkeeping {
  /** Checkpoints of the table's newest unfinished run; empty if none. */
  readonly checkpoints: readonly Checkpoint[];
  /** Upper bound of the table's last complete read; null if none. */
  readonly watermark: Date | null;
}

/** How one table will be read in this run. */
export interface TableReadPlan {
  readonly mode: "full" | "delta";
  readonly partitions: Partition[];
  /** True when continuing an unfinished run's checkpoints. */
  readonly resumed: boolean;
  /** Run the checkpoints belong to: the unfinished one when resumed. */
  readonly checkpointRunId: string;
  /** Upper bound of the window; the watermark once the table is done. */
  readonly runTo: Date;
  /**
   * True when this run reads every live record with no window, so the
   * ids read are exactly Coupa's ids and the rest can be marked deleted.
   */
  readonly readsEverything: boolean;
  readonly idRange: IdRange;
  /**
   * Pages of a full load read while planning (its first and last), each
   * all of its partition, which is done once the page is committed.
   */
  readonly pagesInHand: ReadonlyMap<Partition, KeysetPage>;
}

/**
 * Plans a table's read: resumes the newest unfinished run from its
 * checkpoints when it was made for the same settings (same window, same
 * partitions, each from its cursor); otherwise fixes the window and splits
 * it into partitions. A fresh plan must be saved as checkpoints before
 * its first commit, so that a crash at any point can be resumed.
 *
 * A full load asks for the first and the last page of its window at
 * once: they tell the range of ids and are its first and last partition,
 * so planning costs no request of its own (a table of at most 50 records
 * gets the same page twice).
 */
export async function planTableRead(
  context: TableContext,
  requested: ExtractionMode,
  bookkeeping: TableBookkeeping,
): Promise<TableReadPlan> {
  const fingerprint = tableFingerprint(context.settings);
  const resumed = await resumePlan(
    context,
    requested,
    fingerprint,
    bookkeeping.checkpoints,
  );
  if (resumed) return resumed;
  return newPlan(context, requested, fingerprint, bookkeeping.watermark);
}

/** What a resumed plan must share with the current settings. */
export function tableFingerprint(settings: TableSettings): string {
  return JSON.stringify([
    settings.resource,
    settings.columns ?? null,
    settings.filter,
  ]);
}

async function resumePlan(
  context: TableContext,
  requested: ExtractionMode,
  fingerprint: string,
  saved: readonly Checkpoint[],
): Promise<TableReadPlan | undefined> {
  const { store, settings, logger } = context;
  if (saved.length === 0) return undefined;

  const partitions = saved.map(fromCheckpoint);
  const first = partitions[0]?.plan;
  const usable =
    first !== undefined &&
    partitions.every((p) => p?.plan.fingerprint === fingerprint) &&
    (requested === "auto" || first.mode === requested);
  if (!usable) {
    logger.info(
      { table: settings.target, runId: saved[0]?.runId },
      "unfinished run made with other settings or mode; planning afresh",
    );
    await store.saveCheckpoints(saved.map((c) => ({ ...c, done: true })));
    return undefined;
  }
  logger.info(
    { table: settings.target, runId: saved[0]?.runId },
    "resuming an unfinished run from its checkpoints",
  );
  return {
    mode: first.mode,
    partitions: partitions as Partition[],
    resumed: true,
    checkpointRunId: saved[0]?.runId ?? context.runId,
    runTo: new Date(first.runTo),
    readsEverything: false,
    idRange: undefined,
    pagesInHand: new Map(),
  };
}

async function newPlan(
  context: TableContext,
  requested: ExtractionMode,
  fingerprint: string,
  watermark: Date | null,
): Promise<TableReadPlan> {
  const { resource, parentResource } = context;
  const windowed = !parentResource && resource.updatedAtField !== null;
  const mode = requested !== "full" && windowed && watermark ? "delta" : "full";
  const plan = {
    mode,
    resumed: false,
    checkpointRunId: context.runId,
    readsEverything: !windowed,
    pagesInHand: new Map(),
  } as const;
  const base = (runTo: Date): PlanBase => ({
    mode,
    from: null,
    to: windowed ? runTo.toISOString() : null,
    runTo: runTo.toISOString(),
    fingerprint,
  });

  if (parentResource) {
    return { ...plan, ...(await childPartitions(context, base)) };
  }
  await readCoupaClock(context);
  if (mode === "delta" && watermark) {
    const runTo = context.window.upperBound();
    const from = new Date(watermark.getTime() - context.settings.lookbackMs);
    const partitions = planTimeSlices(from, runTo, base(runTo));
    return { ...plan, partitions, runTo, idRange: undefined };
  }
  return { ...plan, ...(await idPartitions(context, base)) };
}

type PartitionsOf = Pick<TableReadPlan, "partitions" | "runTo" | "idRange"> &
  Partial<Pick<TableReadPlan, "pagesInHand">>;

/** A full load: first and last page, then id ranges between them. */
async function idPartitions(
  context: TableContext,
  base: (runTo: Date) => PlanBase,
): Promise<PartitionsOf> {
  const path = context.resource.endpoint ?? "";
  const runTo = context.window.upperBound();
  const [first, last] = await Promise.all([
    readEdgePage(context, path, base(runTo), "asc"),
    readEdgePage(context, path, base(runTo), "desc"),
  ]);
  const bottom = pageIds(first, path);
  if (!bottom) return { partitions: [], runTo, idRange: undefined };

  const top = pageIds(last, path);
  const full = first.records.length === PAGE_SIZE;
  const partitions = planBetweenPages(bottom, full, top, base(runTo), {
    workers: context.workers,
  });
  const max = Math.max(top?.lastId ?? bottom.lastId, bottom.lastId);
  return {
    partitions,
    runTo,
    idRange: { min: bottom.firstId, max },
    pagesInHand: pagesByPartition(partitions, [first, last], path),
  };
}

function pageIds(page: KeysetPage, path: string): PageIds | undefined {
  const low = page.records[0];
  if (!low || page.lastId === null) return undefined;
  return { firstId: recordId(low, path), lastId: page.lastId };
}

/**
 * The first (`asc`) or last (`desc`, returned in ascending order) page of
 * the table's window.
 */
async function readEdgePage(
  context: TableContext,
  path: string,
  base: PlanBase,
  dir: "asc" | "desc",
): Promise<KeysetPage> {
  const plan = { upToId: null, from: base.from, to: base.to };
  const query = keysetQuery(plan, null, context.extras).map(
    ([key, value]) => [key, key === "dir" ? dir : value] as const,
  );
  const page = await context.source.getPage(path, query, {
    signal: context.signal,
  });
  context.window.observe(page.serverDate);
  const records = dir === "asc" ? page.records : page.records.reverse();
  const last = records.at(-1);
  return {
    records,
    lastId: last ? recordId(last, path) : null,
    done: true,
    pages: 1,
  };
}

/**
 * The records of the edge pages by the partition they fill: each one
 * whose range holds any of them is all in these pages (see
 * `planBetweenPages`). Where the pages overlap, a record counts once.
 */
function pagesByPartition(
  partitions: readonly Partition[],
  pages: readonly KeysetPage[],
  path: string,
): Map<Partition, KeysetPage> {
  const byId = new Map<number, Record<string, unknown>>();
  for (const record of pages.flatMap((page) => page.records)) {
    byId.set(recordId(record, path), record);
  }
  const ids = [...byId.keys()].sort((a, b) => a - b);
  const held = new Map<Partition, KeysetPage>();
  for (const partition of partitions) {
    const { afterId, upToId } = partition.plan;
    const inside = ids.filter(
      (id) =>
        id > (afterId ?? Number.NEGATIVE_INFINITY) &&
        (upToId === null || id <= upToId),
    );
    if (inside.length === 0) continue;
    held.set(partition, {
      records: inside.map((id) => byId.get(id) as Record<string, unknown>),
      lastId: inside.at(-1) ?? null,
      done: true,
      pages: 1,
    });
  }
  return held;
}

/**
 * A resource listed per parent record: ranges of the parent's ids, kept
 * short because each parent costs a request.
 */
async function childPartitions(
  context: TableContext,
  base: (runTo: Date) => PlanBase,
): Promise<PartitionsOf> {
  const parent = context.parentResource;
  const idRange = await probeIdRange(context, parent?.endpoint ?? "", []);
  const runTo = context.window.upperBound();
  const partitions = idRange
    ? planIdPartitions("children", idRange.min, idRange.max, base(runTo), {
        workers: context.workers,
        minIds: 10,
        maxIds: 100,
      })
    : [];
  return { partitions, runTo, idRange };
}

/**
 * Makes sure the window is fixed by Coupa's clock before the first page
 * is asked for within it: without a token answer (an API key, or a source
 * given to the run) a one-record probe's answer tells it.
 */
async function readCoupaClock(context: TableContext): Promise<void> {
  if (context.window.fixed) return;
  const path = context.resource.endpoint ?? "";
  await probeHighestId(context, path, context.extras.filter);
}
