import type { Logger } from "pino";
import { getCatalog } from "../catalog/catalog.js";
import type { ConnectionConfig } from "../connection/connection-config-schema.js";
import { StatsRecorder } from "../coupa/client-stats.js";
import { CoupaClient } from "../coupa/coupa-client.js";
import type { Transport } from "../coupa/transport.js";
import { DuckDbPoolStore } from "../load/duckdb-pool-store.js";
import type { PoolStore } from "../load/pool-store.js";
import type { TableSettings } from "../normalize/table-settings.js";
import type { ExtractionSource } from "./extraction-source.js";
import { PageBudget } from "./page-budget.js";
import type { ExtractionMode, TableBookkeeping } from "./plan-table-read.js";
import type { RunProgress } from "./run-progress.js";
import type { RunReport, TableReport } from "./run-report.js";
import { RunWindow } from "./run-window.js";
import { TableExtraction } from "./table-extraction.js";
import { WorkPool } from "./work-pool.js";

/** Resolved options of one run (see `StartExtractionOptions`). */
export interface ExtractionRunOptions {
  readonly runId: string;
  readonly connection: ConnectionConfig;
  readonly poolPath: string;
  readonly memoryLimitMb?: number;
  readonly tables: readonly TableSettings[];
  readonly mode: ExtractionMode;
  readonly logger: Logger;
  readonly transport?: Transport;
  readonly clock: () => Date;
  readonly signal: AbortSignal;
  readonly safetyMarginMs: number;
  readonly createSource?: (table: TableSettings) => ExtractionSource;
  readonly onProgress: () => void;
}

/**
 * One extraction run: opens the pool, reads Coupa's clock from the token
 * answer while it reads the tables' checkpoints and watermarks, records
 * the run, reads every table concurrently on one work pool, and records
 * the report. Built by `startExtraction`.
 */
export class ExtractionRun {
  readonly #options: ExtractionRunOptions;
  readonly #startedAt: Date;
  #tables: TableExtraction[] = [];
  #status: RunProgress["status"] = "running";

  constructor(options: ExtractionRunOptions) {
    this.#options = options;
    this.#startedAt = options.clock();
  }

  /** Runs to the end; rejects only when the pool cannot be opened. */
  async execute(): Promise<RunReport> {
    const { poolPath, logger, runId, safetyMarginMs, clock } = this.#options;
    const store = await DuckDbPoolStore.open(poolPath, {
      logger,
      memoryLimitMb: this.#options.memoryLimitMb,
    });
    const window = new RunWindow(safetyMarginMs, clock);
    const client = this.#client();
    const sources = this.#options.tables.map((t) => this.#source(t, client));
    try {
      const clockRead = readCoupaClock(client, window);
      clockRead.catch(() => undefined);
      const bookkeeping = await this.#start(store);
      this.#tables = await this.#tableExtractions(store, sources, {
        window,
        clockRead,
        bookkeeping,
      });
      logger.info({ runId, tables: this.#tables.length }, "run started");
      const reports = await Promise.all(this.#tables.map((t) => t.run()));
      return await this.#finish(store, reports);
    } finally {
      await Promise.allSettled(sources.map((s) => s.close()));
      await client?.close();
      await store.close();
    }
  }

  /** Progress now. */
  progress(): RunProgress {
    const now = this.#options.clock();
    return {
      runId: this.#options.runId,
      status: this.#status,
      startedAt: this.#startedAt,
      elapsedMs: now.getTime() - this.#startedAt.getTime(),
      tables: this.#tables.map((t) => t.tracker.progress(now)),
    };
  }

  /**
   * Reads every table's bookkeeping and records the run. The reads come
   * before any table creates its pool tables, so that planning (and with
   * it the first requests) does not wait behind them.
   */
  async #start(store: PoolStore): Promise<TableBookkeeping[]> {
    const { runId, tables, mode } = this.#options;
    const bookkeeping = await Promise.all(
      tables.map(async (t) => {
        const [checkpoints, watermark] = await Promise.all([
          store.unfinishedCheckpoints(t.target),
          store.watermark(t.target),
        ]);
        return { checkpoints, watermark };
      }),
    );
    const allDelta =
      mode !== "full" && bookkeeping.every((b) => b.watermark !== null);
    await store.startRun({
      runId,
      mode: allDelta ? "delta" : "full",
      tables: tables.map((t) => t.target),
      startedAt: this.#startedAt,
    });
    return bookkeeping;
  }

  async #tableExtractions(
    store: PoolStore,
    sources: readonly ExtractionSource[],
    run: {
      window: RunWindow;
      clockRead: Promise<void>;
      bookkeeping: readonly TableBookkeeping[];
    },
  ): Promise<TableExtraction[]> {
    const options = this.#options;
    const workers = options.connection.maxParallelRequests;
    const shared = {
      runId: options.runId,
      catalog: getCatalog(options.connection.apiVersion),
      store,
      pool: new WorkPool(workers),
      budget: new PageBudget(pageBudgetOf(workers)),
      window: run.window,
      clockRead: run.clockRead,
      workers,
      mode: options.mode,
      pseudonymKey: await store.pseudonymKey(),
      runSignal: options.signal,
      logger: options.logger,
      clock: options.clock,
      onProgress: options.onProgress,
    };
    return options.tables.map(
      (settings, index) =>
        new TableExtraction({
          ...shared,
          settings,
          source: sources[index] as ExtractionSource,
          bookkeeping: run.bookkeeping[index] as TableBookkeeping,
        }),
    );
  }

  /** One client for the run: one token, one cap on requests in flight. */
  #client(): CoupaClient | undefined {
    const { createSource, connection, transport, logger } = this.#options;
    if (createSource) return undefined;
    return new CoupaClient({
      connection,
      logger,
      ...(transport ? { transport } : {}),
    });
  }

  /** A table's view of the client, counting its own requests. */
  #source(
    settings: TableSettings,
    client: CoupaClient | undefined,
  ): ExtractionSource {
    const { createSource } = this.#options;
    if (createSource || !client) {
      return (createSource as (t: TableSettings) => ExtractionSource)(settings);
    }
    const recorder = new StatsRecorder();
    return {
      getPage: (path, query, options) =>
        client.getPage(path, query, { ...options, stats: recorder }),
      stats: () => recorder.snapshot(),
      close: async () => undefined,
    };
  }

  async #finish(
    store: PoolStore,
    tables: readonly TableReport[],
  ): Promise<RunReport> {
    const { runId, clock, signal, logger } = this.#options;
    this.#status = signal.aborted
      ? "cancelled"
      : tables.every((t) => t.status === "done")
        ? "succeeded"
        : "failed";
    const finishedAt = clock();
    const report: RunReport = {
      runId,
      status: this.#status,
      startedAt: this.#startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      durationMs: finishedAt.getTime() - this.#startedAt.getTime(),
      tables,
      totals: {
        rows: sum(tables, (t) => t.rowsInserted + t.rowsUpdated),
        requests: sum(tables, (t) => t.requests),
        retries: sum(tables, (t) => t.retries),
        throttled: sum(tables, (t) => t.throttled),
      },
    };
    await store.finishRun(runId, this.#status, report);
    this.#options.onProgress();
    logger.info({ runId, status: this.#status }, "run finished");
    return report;
  }
}

/**
 * Mints the run's token now: its answer's `Date` fixes the run's window
 * before any table plans, so that a table's first request can already be
 * a page of records. Without a client of its own or a token (API keys),
 * the window is fixed by the first answer of a table's planning instead.
 */
async function readCoupaClock(
  client: CoupaClient | undefined,
  window: RunWindow,
): Promise<void> {
  if (!client) return;
  await client.authenticate();
  window.observe(client.coupaNow());
}

/**
 * Pages a run holds at once: one per worker in flight, plus about a
 * second of Coupa's 25/s so requests go on through a slow commit (a
 * table's closing checkpoint takes that long). More only held parsed
 * pages in memory: with 96, a fast load's peak RSS was 100 MB higher and
 * no faster.
 */
export function pageBudgetOf(workers: number): number {
  return Math.max(40, workers + 8);
}

function sum<T>(items: readonly T[], pick: (item: T) => number): number {
  return items.reduce((total, item) => total + pick(item), 0);
}
