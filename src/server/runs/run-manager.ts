import type { Logger } from "pino";
import type { Transport } from "../../coupa/transport.js";
import { ApiError } from "../api-error.js";
import type { Clock } from "../clock.js";
import type {
  EngineConnection,
  EngineExtraction,
  ExtractionEngine,
  ExtractionOutcome,
} from "../extraction-engine.js";
import {
  type ConnectionRepository,
  connectionSecret,
} from "../model/connection-repository.js";
import type { JobRepository, StoredJob } from "../model/job-repository.js";
import type { PoolRepository } from "../model/pool-repository.js";
import type { RunRepository } from "../model/run-repository.js";
import type { Run } from "../schemas/run-schemas.js";
import type { DataPaths } from "../storage/data-paths.js";
import type { RunLogLine, RunLogStore } from "./run-log-store.js";
import { createRunLogger } from "./run-logger.js";
import { scrubSecret } from "./scrub-secret.js";

/** What a watcher of a run hears. */
export interface RunListener {
  progress?(progress: unknown): void;
  log?(line: RunLogLine): void;
  /** The run ended; `run` is its final record. */
  done?(run: Run): void;
}

/** Dependencies of a `RunManager`. */
export interface RunManagerOptions {
  readonly runs: RunRepository;
  readonly jobs: JobRepository;
  readonly connections: ConnectionRepository;
  readonly pools: PoolRepository;
  readonly logs: RunLogStore;
  readonly engine: ExtractionEngine;
  readonly paths: DataPaths;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly transportFor?: (
    connection: EngineConnection,
  ) => Transport | undefined;
  /** Least time between two progress writes to SQLite. Default 1000 ms. */
  readonly progressIntervalMs?: number;
}

interface ActiveRun {
  readonly runId: string;
  readonly poolId: string;
  /** True once the run left the queue (its extraction is starting). */
  launched: boolean;
  /** The connection's secret, scrubbed from reports and errors. */
  secret?: string;
  readonly jobId: string;
  extraction?: EngineExtraction;
  progress: unknown;
  lastPersisted: number;
  cancelRequested: boolean;
  readonly listeners: Set<RunListener>;
  readonly ended: Promise<void>;
  end: () => void;
  logger?: Logger;
}

/**
 * Starts, watches, cancels and resumes the runs of extraction jobs. At
 * most one run of a job is active at a time, and one run per pool
 * extracts at a time: a run of another job of a busy pool waits as
 * `queued`, because concurrent writers to one DuckDB file would conflict
 * on shared tables. A run cut off by a server stop keeps status
 * `running` in SQLite and is started again by `resumeInterrupted` at the
 * next start; the extraction then continues from its checkpoints in the
 * pool.
 *
 * @example
 * const run = manager.start(job, "manual");
 * manager.subscribe(run.id, { progress: render, done: report });
 */
export class RunManager {
  readonly #active = new Map<string, ActiveRun>();
  #closing = false;

  constructor(private readonly options: RunManagerOptions) {}

  /**
   * Starts a run of a job now. Throws a 409 `RUN_IN_PROGRESS` ApiError
   * when the job already has an active run.
   */
  start(job: StoredJob, trigger: Run["trigger"]): Run {
    const active = this.activeRunOf(job.id);
    if (active) {
      throw new ApiError(
        409,
        "RUN_IN_PROGRESS",
        `Job "${job.name}" already has run ${active} in progress. Wait for ` +
          `it to end or cancel it with POST /api/runs/${active}/cancel.`,
      );
    }
    const run = this.options.runs.create(job, trigger);
    const busy = this.#runningInPool(job.poolId);
    if (busy) this.#queue(run, job, busy);
    else this.#launch(run, job);
    return this.get(run.id);
  }

  /** The id of the job's active run, if any. */
  activeRunOf(jobId: string): string | undefined {
    for (const active of this.#active.values()) {
      if (active.jobId === jobId) return active.runId;
    }
    return this.options.runs.activeOfJob(jobId)?.id;
  }

  /** Whether any run of a pool is active. */
  poolBusy(poolId: string): boolean {
    return this.options.runs.listActive().some((run) => run.poolId === poolId);
  }

  /** A run with its live progress when it is running. */
  get(runId: string): Run {
    const run = this.options.runs.get(runId);
    if (!run) throw new Error(`No run ${runId}`);
    const active = this.#active.get(runId);
    return active?.progress === undefined
      ? run
      : { ...run, progress: active.progress };
  }

  /**
   * Starts again every run left queued or running by a previous process.
   * Returns the resumed runs.
   */
  resumeInterrupted(): Run[] {
    const left = this.options.runs
      .listActive()
      .filter((run) => !this.#active.has(run.id));
    for (const run of left.filter((r) => r.status === "running")) {
      const job = this.options.jobs.get(run.jobId);
      if (job) this.#launch(run, job, true);
    }
    for (const run of left.filter((r) => r.status === "queued")) {
      const job = this.options.jobs.get(run.jobId);
      if (job) this.#track(run, job);
    }
    for (const poolId of new Set(left.map((run) => run.poolId))) {
      this.#startNextQueued(poolId);
    }
    return left.map((run) => this.get(run.id));
  }

  /**
   * Asks a run to stop. Its status becomes `cancelled` once the
   * extraction has stopped (checkpoints kept). Throws a 409 for a run
   * that has already ended.
   */
  cancel(runId: string): Run {
    const run = this.get(runId);
    const active = this.#active.get(runId);
    if (active?.extraction) {
      active.cancelRequested = true;
      active.logger?.info("Cancellation requested");
      active.extraction.cancel();
      return this.get(runId);
    }
    if (active && !active.launched) {
      this.options.runs.finish(runId, { status: "cancelled" });
      this.#end(active);
      return this.get(runId);
    }
    if (run.status === "queued" || run.status === "running") {
      this.options.runs.finish(runId, { status: "cancelled" });
      return this.get(runId);
    }
    throw new ApiError(
      409,
      "RUN_FINISHED",
      `Run ${runId} has already ended with status ${run.status}; there is ` +
        "nothing to cancel.",
    );
  }

  /**
   * Listens to a run's progress, log lines and end. Returns a function
   * that stops listening. A run that is not active hears nothing.
   */
  subscribe(runId: string, listener: RunListener): () => void {
    const active = this.#active.get(runId);
    if (!active) return () => {};
    active.listeners.add(listener);
    return () => active.listeners.delete(listener);
  }

  /** Whether a run is active in this process. */
  isLive(runId: string): boolean {
    return this.#active.has(runId);
  }

  /** Resolves once the run has ended (immediately if it is not active). */
  async settled(runId: string): Promise<Run> {
    await this.#active.get(runId)?.ended;
    return this.get(runId);
  }

  /**
   * Stops every active run for a server shutdown. Their status stays
   * `running`, so the next start resumes them.
   */
  async close(): Promise<void> {
    this.#closing = true;
    const active = [...this.#active.values()];
    for (const run of active) {
      if (run.extraction) run.extraction.cancel();
      else if (!run.launched) this.#end(run);
    }
    await Promise.all(active.map((run) => run.ended));
  }

  /** The id of the run extracting into a pool now, if any. */
  #runningInPool(poolId: string): string | undefined {
    for (const active of this.#active.values()) {
      if (active.poolId === poolId && active.launched) return active.runId;
    }
    return undefined;
  }

  #queue(run: Run, job: StoredJob, busyRunId: string): void {
    this.#track(run, job);
    this.options.logs.append(run.id, {
      time: this.options.clock().toISOString(),
      level: "info",
      msg: `Queued: run ${busyRunId} is extracting into this pool; this run starts when it ends`,
    });
  }

  #startNextQueued(poolId: string): void {
    if (this.#closing || this.#runningInPool(poolId)) return;
    const next = this.options.runs
      .listActive()
      .find((run) => run.poolId === poolId && run.status === "queued");
    if (!next) return;
    const job = this.options.jobs.get(next.jobId);
    if (job) {
      this.#launch(next, job);
      return;
    }
    this.options.runs.finish(next.id, {
      status: "failed",
      error: { code: "JOB_MISSING", message: "The run's job was deleted." },
    });
    this.#startNextQueued(poolId);
  }

  #launch(run: Run, job: StoredJob, resumed = false): void {
    const active = this.#track(run, job);
    active.launched = true;
    try {
      const connection = this.#connectionOf(job);
      const logger = this.#loggerFor(active, connection);
      active.logger = logger;
      if (resumed) {
        logger.info(
          { attempt: run.attempts + 1 },
          "Resuming run interrupted by a server stop; the extraction " +
            "continues from its checkpoints",
        );
      }
      this.#startExtraction(active, job, connection, logger);
    } catch (error) {
      this.#fail(active, error);
    }
  }

  #track(run: Run, job: StoredJob): ActiveRun {
    const known = this.#active.get(run.id);
    if (known) return known;
    let end = () => {};
    const ended = new Promise<void>((resolve) => {
      end = resolve;
    });
    const active: ActiveRun = {
      runId: run.id,
      poolId: job.poolId,
      launched: false,
      jobId: job.id,
      progress: undefined,
      lastPersisted: Number.NEGATIVE_INFINITY,
      cancelRequested: false,
      listeners: new Set(),
      ended,
      end,
    };
    this.#active.set(run.id, active);
    return active;
  }

  #connectionOf(job: StoredJob): EngineConnection {
    const stored = this.options.connections.get(job.connectionId);
    if (!stored) {
      throw new ApiError(
        409,
        "CONNECTION_MISSING",
        `Job "${job.name}" uses connection ${job.connectionId}, which no ` +
          "longer exists. Choose another connection for the job.",
      );
    }
    return stored.config;
  }

  #loggerFor(active: ActiveRun, connection: EngineConnection): Logger {
    const secret = connectionSecret(connection);
    active.secret = secret;
    return createRunLogger({
      runId: active.runId,
      store: this.options.logs,
      serverLogger: this.options.logger,
      secrets: secret ? [secret] : [],
      onLine: (line) => {
        for (const listener of active.listeners) listener.log?.(line);
      },
    });
  }

  #startExtraction(
    active: ActiveRun,
    job: StoredJob,
    connection: EngineConnection,
    logger: Logger,
  ): void {
    const { engine, paths, transportFor } = this.options;
    const tables = engine.parseTables(job.tables, connection);
    logger.info(
      { jobId: job.id, mode: job.mode, tables: Object.keys(job.tables) },
      `Run of job "${job.name}" started`,
    );
    const extraction = engine.startExtraction({
      connection,
      poolPath: paths.pool(job.poolId),
      memoryLimitMb:
        this.options.pools.get(job.poolId)?.memoryLimitMb ?? undefined,
      tables,
      mode: job.mode,
      logger,
      transport: transportFor?.(connection),
    });
    active.extraction = extraction;
    this.options.runs.markRunning(active.runId, extraction.runId);
    extraction.onProgress((progress) => this.#onProgress(active, progress));
    extraction.outcome.then(
      (outcome) => this.#finish(active, outcome),
      (error) => this.#fail(active, error),
    );
  }

  #onProgress(active: ActiveRun, progress: unknown): void {
    active.progress = progress;
    for (const listener of active.listeners) listener.progress?.(progress);
    const now = this.options.clock().getTime();
    const interval = this.options.progressIntervalMs ?? 1000;
    if (now - active.lastPersisted >= interval) {
      active.lastPersisted = now;
      this.options.runs.saveProgress(active.runId, progress);
    }
  }

  #finish(active: ActiveRun, outcome: ExtractionOutcome): void {
    const progress = active.extraction?.progress() ?? active.progress;
    const interrupted =
      this.#closing &&
      outcome.status === "cancelled" &&
      !active.cancelRequested;
    if (interrupted) {
      this.options.runs.saveProgress(active.runId, progress);
      active.logger?.warn(
        "Server stopping: run interrupted; it resumes at the next start",
      );
    } else {
      this.options.runs.finish(active.runId, {
        status: outcome.status,
        progress,
        report: scrubSecret(outcome.report, active.secret),
        error: scrubSecret(outcome.error, active.secret),
      });
      active.logger?.info(
        { status: outcome.status, error: outcome.error },
        `Run ${outcome.status}`,
      );
    }
    this.#end(active);
  }

  #fail(active: ActiveRun, error: unknown): void {
    const code =
      typeof (error as { code?: unknown }).code === "string"
        ? (error as { code: string }).code
        : "RUN_FAILED";
    const message = scrubSecret(
      error instanceof Error ? error.message : String(error),
      active.secret,
    );
    active.logger?.error({ code }, `Run failed: ${message}`);
    this.options.runs.finish(active.runId, {
      status: "failed",
      progress: active.progress,
      error: { code, message },
    });
    this.#end(active);
  }

  #end(active: ActiveRun): void {
    this.#active.delete(active.runId);
    const run = this.get(active.runId);
    for (const listener of active.listeners) listener.done?.(run);
    active.listeners.clear();
    active.end();
    if (active.launched) this.#startNextQueued(active.poolId);
  }
}
