import type { TableSettings } from "../normalize/table-settings.js";
import { fromCheckpoint, toCheckpoint } from "./partition-checkpoint.js";
import type { Partition } from "./partition-plan.js";
import {
  type PlanBase,
  planIdPartitions,
  planTimeSlices,
} from "./plan-partitions.js";
import { type IdRange, probeIdRange } from "./probe-id-range.js";
import type { TableContext } from "./table-context.js";

/** Requested mode of a run; `auto` = delta when a watermark exists. */
export type ExtractionMode = "full" | "delta" | "auto";

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
}

/**
 * Plans a table's read: resumes the newest unfinished run from its
 * checkpoints when it was made for the same settings (same window, same
 * partitions, each from its cursor); otherwise probes the id range, fixes
 * the window and splits it into partitions, saved as checkpoints before
 * the first page so a crash at any point can be resumed.
 */
export async function planTableRead(
  context: TableContext,
  requested: ExtractionMode,
): Promise<TableReadPlan> {
  const fingerprint = tableFingerprint(context.settings);
  const resumed = await resumePlan(context, requested, fingerprint);
  if (resumed) return resumed;

  const plan = await newPlan(context, requested, fingerprint);
  const table = context.settings.target;
  await context.store.saveCheckpoints(
    plan.partitions.map((p) => toCheckpoint(context.runId, table, p)),
  );
  return plan;
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
): Promise<TableReadPlan | undefined> {
  const { store, settings, logger } = context;
  const saved = await store.unfinishedCheckpoints(settings.target);
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
  };
}

async function newPlan(
  context: TableContext,
  requested: ExtractionMode,
  fingerprint: string,
): Promise<TableReadPlan> {
  const { resource, parentResource, settings, store } = context;
  const listed = parentResource ?? resource;
  const filter = parentResource ? [] : context.extras.filter;
  const idRange = await probeIdRange(context, listed.endpoint ?? "", filter);
  const runTo = context.window.upperBound();
  const windowed = !parentResource && resource.updatedAtField !== null;
  const watermark = windowed ? await store.watermark(settings.target) : null;
  const mode = requested !== "full" && watermark ? "delta" : "full";
  const base: PlanBase = {
    mode,
    from: null,
    to: windowed ? runTo.toISOString() : null,
    runTo: runTo.toISOString(),
    fingerprint,
  };

  const partitions =
    mode === "delta" && watermark
      ? planTimeSlices(
          new Date(watermark.getTime() - settings.lookbackMs),
          runTo,
          base,
        )
      : idPartitions(context, idRange, base);
  return {
    mode,
    partitions,
    resumed: false,
    checkpointRunId: context.runId,
    runTo,
    readsEverything: !windowed,
    idRange,
  };
}

function idPartitions(
  context: TableContext,
  range: IdRange,
  base: PlanBase,
): Partition[] {
  if (!range) return [];
  // Each parent of a per-parent list costs a request: keep ranges short.
  const kind = context.parentResource ? "children" : "ids";
  const sizes = kind === "children" ? { minIds: 10, maxIds: 100 } : {};
  return planIdPartitions(kind, range.min, range.max, base, {
    workers: context.workers,
    ...sizes,
  });
}
