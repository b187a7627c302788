import { setMaxListeners } from "node:events";
import type { Logger } from "pino";
import type { Catalog } from "../catalog/catalog-types.js";
import type { PoolStore } from "../load/pool-store.js";
import { fieldsParameter } from "../normalize/fields-parameter.js";
import { RecordNormalizer } from "../normalize/record-normalizer.js";
import { planTableLayout } from "../normalize/table-layout.js";
import type { TableSettings } from "../normalize/table-settings.js";
import { EmptyRangeSkipper } from "./empty-range-skipper.js";
import type { PageBudget } from "./page-budget.js";
import type { PageSource } from "./page-source.js";
import { toCheckpoint } from "./partition-checkpoint.js";
import type { Partition } from "./partition-plan.js";
import {
  type ExtractionMode,
  planTableRead,
  type TableBookkeeping,
  type TableReadPlan,
} from "./plan-table-read.js";
import { readChildLists } from "./read-child-lists.js";
import { type KeysetPage, readPartition } from "./read-partition.js";
import type { TableReport } from "./run-report.js";
import type { RunWindow } from "./run-window.js";
import { sweepLiveIds } from "./sweep-live-ids.js";
import type { TableContext } from "./table-context.js";
import { type RequestStats, TableTracker } from "./table-tracker.js";
import type { WorkPool } from "./work-pool.js";

/** What one table's extraction needs from its run. */
export interface TableExtractionOptions {
  readonly runId: string;
  readonly settings: TableSettings;
  readonly catalog: Catalog;
  /** The table's own Coupa client: its stats become the table's counts. */
  readonly source: PageSource & { stats(): RequestStats };
  readonly store: PoolStore;
  readonly pool: WorkPool;
  readonly budget: PageBudget;
  readonly window: RunWindow;
  /**
   * Settles once the run has read Coupa's clock into `window` (from the
   * token answer); rejects with the token request's error.
   */
  readonly clockRead: Promise<void>;
  /** The table's checkpoints and watermark, read when the run started. */
  readonly bookkeeping: TableBookkeeping;
  readonly workers: number;
  readonly mode: ExtractionMode;
  readonly pseudonymKey: Buffer;
  /** Fires when the whole run is cancelled. */
  readonly runSignal: AbortSignal;
  readonly logger: Logger;
  readonly clock: () => Date;
  /** Called after every committed page and status change. */
  readonly onProgress: () => void;
}

/**
 * Reads one table of a run into the pool: prepares its tables, plans (or
 * resumes) its partitions, reads them on the shared work pool committing
 * each page with its checkpoint, detects deletes when asked, and stores
 * the watermark once every partition is done. It never throws: a failure
 * is reported in the table's report and the other tables go on.
 */
export class TableExtraction {
  readonly tracker: TableTracker;
  readonly #options: TableExtractionOptions;
  readonly #abort = new AbortController();
  readonly #source: EmptyRangeSkipper;
  /** Pages committed, those answered by `#source` itself included. */
  #pages = 0;

  constructor(options: TableExtractionOptions) {
    this.#options = options;
    this.#source = new EmptyRangeSkipper(options.source);
    const { settings, clock } = options;
    this.tracker = new TableTracker(
      settings.target,
      settings.resource,
      clock(),
    );
  }

  /** Runs the table to its end and returns its report. */
  async run(): Promise<TableReport> {
    const { clock, source, onProgress, mode, bookkeeping } = this.#options;
    // Pages can be read while the pool's tables are being created and
    // the plan is being saved: only their commits wait for it.
    const preparing = this.#prepare();
    preparing.catch(() => undefined);
    let ready = preparing;
    try {
      const context = this.#context();
      this.#setStatus("planning");
      await this.#options.clockRead;
      const plan = await planTableRead(context, mode, bookkeeping);
      this.#adopt(plan);
      ready = this.#saved(plan, preparing);
      ready.catch(() => undefined);

      this.tracker.startReading(clock());
      const seen = await this.#readAll(context, plan, ready);
      await ready;
      await this.#markDeleted(context, plan, seen);
      await this.#complete(plan);
    } catch (error) {
      this.#fail(error);
    }
    await ready.catch(() => undefined);
    onProgress();
    return this.tracker.report(clock(), source.stats());
  }

  #context(): TableContext {
    const { catalog, settings, runSignal } = this.#options;
    const resource = catalog.resources[settings.resource];
    if (!resource) throw new Error(`unknown resource ${settings.resource}`);
    const parent = resource.parent
      ? catalog.resources[resource.parent.resource]
      : undefined;
    const signal = AbortSignal.any([runSignal, this.#abort.signal]);
    // Every request in flight for the table listens to it.
    setMaxListeners(0, signal);
    return {
      ...this.#options,
      source: this.#source,
      resource,
      ...(parent ? { parentResource: parent } : {}),
      signal,
      extras: {
        updatedAt: resource.updatedAtField?.replace(/-/g, "_") ?? null,
        filter: settings.filter,
        fields: fieldsParameter(settings, catalog),
      },
    };
  }

  async #prepare(): Promise<RecordNormalizer> {
    const { settings, catalog, store, pseudonymKey, runId, clock } =
      this.#options;
    const layout = planTableLayout(settings, catalog);
    await store.prepareTables(layout.tables, settings.drift);
    return new RecordNormalizer(layout, {
      pseudonymKey,
      pseudonymize: settings.pseudonymize,
      runId,
      extractedAt: clock,
    });
  }

  /**
   * The normalizer, once the pool's tables exist and a fresh plan is saved
   * as checkpoints: no page may be committed before both.
   */
  async #saved(
    plan: TableReadPlan,
    preparing: Promise<RecordNormalizer>,
  ): Promise<RecordNormalizer> {
    const { store, runId, settings } = this.#options;
    if (!plan.resumed) {
      await store.saveCheckpoints(
        plan.partitions.map((p) => toCheckpoint(runId, settings.target, p)),
      );
    }
    return preparing;
  }

  #adopt(plan: TableReadPlan): void {
    Object.assign(this.tracker, {
      mode: plan.mode,
      resumed: plan.resumed,
      partitions: plan.partitions,
      maxId: plan.idRange?.max ?? null,
    });
    this.#options.logger.info(
      {
        table: this.tracker.table,
        mode: plan.mode,
        resumed: plan.resumed,
        partitions: plan.partitions.length,
        to: plan.runTo.toISOString(),
      },
      "table planned",
    );
  }

  /** Reads every partition; returns the ids read when they are all ids. */
  async #readAll(
    context: TableContext,
    plan: TableReadPlan,
    normalizer: Promise<RecordNormalizer>,
  ): Promise<Set<number> | undefined> {
    const seen =
      plan.readsEverything && !plan.resumed ? new Set<number>() : undefined;
    const priority = tablePriority(plan);
    const tasks = plan.partitions
      .filter((partition) => !partition.done)
      .map((partition) => {
        const page = plan.pagesInHand.get(partition);
        // A page read while planning needs only its commit, no worker.
        if (page) {
          return this.#commitInHand(plan, partition, page, normalizer, seen);
        }
        return this.#options.pool.run(
          () => this.#readOne(context, plan, partition, normalizer, seen),
          priority,
        );
      });
    const outcomes = await Promise.allSettled(tasks);
    const failures = outcomes.flatMap((o) =>
      o.status === "rejected" ? [o.reason as unknown] : [],
    );
    if (failures.length > 0) throw primaryFailure(failures);
    return seen;
  }

  async #readOne(
    context: TableContext,
    plan: TableReadPlan,
    partition: Partition,
    normalizer: Promise<RecordNormalizer>,
    seen: Set<number> | undefined,
  ): Promise<void> {
    context.signal.throwIfAborted();
    const consume = (page: KeysetPage) =>
      this.#commit(plan, partition, page, normalizer, seen);
    try {
      if (partition.plan.kind === "children") {
        await readChildLists(context, partition, consume);
      } else {
        const path = context.resource.endpoint ?? "";
        await readPartition(context, path, partition, context.extras, consume);
      }
    } catch (error) {
      // One failed partition fails the table: stop its other partitions.
      this.#abort.abort(error);
      throw error;
    }
  }

  async #commitInHand(
    plan: TableReadPlan,
    partition: Partition,
    page: KeysetPage,
    normalizer: Promise<RecordNormalizer>,
    seen: Set<number> | undefined,
  ): Promise<void> {
    await this.#commit(plan, partition, page, normalizer, seen);
    partition.lastId = page.lastId;
    partition.done = page.done;
  }

  async #commit(
    plan: TableReadPlan,
    partition: Partition,
    page: KeysetPage,
    preparing: Promise<RecordNormalizer>,
    seen: Set<number> | undefined,
  ): Promise<void> {
    const { store, settings, onProgress } = this.#options;
    const checkpoint = toCheckpoint(plan.checkpointRunId, settings.target, {
      ...partition,
      lastId: page.lastId,
      done: page.done,
    });
    const normalizer = await preparing;
    if (page.records.length === 0) {
      await store.saveCheckpoints([checkpoint]);
    } else {
      const batch = normalizer.normalize(page.records);
      const result = await store.commitPage(batch, checkpoint, settings.drift);
      this.tracker.inserted += result.inserted;
      this.tracker.updated += result.updated;
      this.tracker.schemaChanges += result.schemaChanges.length;
      for (const id of batch.parentIds) seen?.add(id);
    }
    // Coupa's pages: the skipper's answers end partitions but are none.
    this.#pages += page.pages;
    this.tracker.pages = this.#pages - this.#source.skipped;
    onProgress();
  }

  async #markDeleted(
    context: TableContext,
    plan: TableReadPlan,
    seen: Set<number> | undefined,
  ): Promise<void> {
    const { settings, store, clock } = this.#options;
    const sweep =
      !context.parentResource &&
      (settings.detectDeletes || (plan.resumed && plan.readsEverything));
    // A skipper of its own: the table's counts only the read's answers.
    const source = new EmptyRangeSkipper(this.#options.source);
    const live = sweep ? await sweepLiveIds({ ...context, source }) : seen;
    if (!live) return;
    this.tracker.deleted = await store.markDeleted(
      settings.target,
      live,
      clock(),
    );
  }

  async #complete(plan: TableReadPlan): Promise<void> {
    const { store, settings, logger } = this.#options;
    await store.completeTable(
      settings.target,
      plan.checkpointRunId,
      plan.runTo,
    );
    this.tracker.watermark = plan.runTo;
    this.#setStatus("done");
    const { inserted, updated, deleted, pages } = this.tracker;
    logger.info(
      { table: settings.target, inserted, updated, deleted, pages },
      "table done",
    );
  }

  #setStatus(status: TableTracker["status"]): void {
    this.tracker.status = status;
    this.#options.onProgress();
  }

  #fail(error: unknown): void {
    const { runSignal, logger, settings } = this.#options;
    if (runSignal.aborted) {
      this.tracker.status = "cancelled";
      return;
    }
    const failure = error as {
      code?: unknown;
      message?: unknown;
      retryable?: unknown;
    };
    this.tracker.status = "failed";
    this.tracker.error = {
      code: typeof failure.code === "string" ? failure.code : "INTERNAL",
      message: String(failure.message ?? error),
      retryable: failure.retryable === true,
    };
    logger.error(
      { table: settings.target, code: this.tracker.error.code },
      this.tracker.error.message,
    );
  }
}

/**
 * Where a table's partitions queue on the shared work pool: larger tables
 * first (by id span; deltas and resumed runs, whose size is unknown,
 * last), each table's partitions in id order. Tables then finish one
 * after another, each storing its watermark and checkpointing its pool
 * tables while others still read; ranking partitions by their own size
 * left every table's shorter last partition, and so every table's end,
 * for the last second of a run.
 */
function tablePriority(plan: TableReadPlan): number {
  const range = plan.idRange;
  return range ? range.max - range.min : 0;
}

/** The error that failed a table, not the aborts it caused in siblings. */
function primaryFailure(failures: readonly unknown[]): unknown {
  const real = failures.find(
    (f) => !(f instanceof Error && f.name === "AbortError"),
  );
  return real ?? failures[0];
}
