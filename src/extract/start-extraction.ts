import { randomUUID } from "node:crypto";
import { EventEmitter, setMaxListeners } from "node:events";
import { type Logger, pino } from "pino";
import type { ConnectionConfig } from "../connection/connection-config-schema.js";
import type { Transport } from "../coupa/transport.js";
import type { TableSettings } from "../normalize/table-settings.js";
import { ExtractionCancelledError } from "./extraction-cancelled-error.js";
import { DEFAULT_SAFETY_MARGIN_MS } from "./extraction-config.js";
import { ExtractionRun } from "./extraction-run.js";
import type { ExtractionSource } from "./extraction-source.js";
import type { ExtractionMode } from "./plan-table-read.js";
import type { RunProgress } from "./run-progress.js";
import type { RunReport } from "./run-report.js";

/** Options of `startExtraction`. */
export interface StartExtractionOptions {
  readonly connection: ConnectionConfig;
  /** The pool's DuckDB file; created when missing. */
  readonly poolPath: string;
  /**
   * Memory DuckDB may use, in MB; default 256, at least 64 (see
   * `DuckDbPoolStoreOptions.memoryLimitMb`: under 256 needs a pool file
   * created with such a limit).
   */
  readonly memoryLimitMb?: number;
  readonly tables: readonly TableSettings[];
  /** `auto` reads a delta for tables with a watermark, else a full load. */
  readonly mode: ExtractionMode;
  /** Default: a silent logger. */
  readonly logger?: Logger;
  /** How requests reach Coupa; default the client's direct transport. */
  readonly transport?: Transport;
  /** Default: the system clock. */
  readonly clock?: () => Date;
  /** Cancels the run like `cancel()`. */
  readonly signal?: AbortSignal;
  /** Subtracted from Coupa's clock for the window's end; default 60 s. */
  readonly safetyMarginMs?: number;
  /** Default: a random UUID. */
  readonly runId?: string;
  /**
   * Builds a table's page source; default a `CoupaClient` per table (they
   * share the origin's rate limiter), so each table reports its own
   * requests, retries and 429s.
   */
  readonly createSource?: (table: TableSettings) => ExtractionSource;
}

/** A running extraction. */
export interface ExtractionHandle {
  readonly runId: string;
  /** Called after every committed page and every table status change. */
  on(event: "progress", listener: (progress: RunProgress) => void): void;
  /** Progress now. */
  progress(): RunProgress;
  /** Stops gracefully: pages in flight are committed, checkpoints kept. */
  cancel(): void;
  /**
   * The run's report once every table ended (also stored in the pool). A
   * failed table does not reject it; it rejects only when the run could
   * not start (e.g. `PoolPathError` for an unwritable pool path), before
   * any request.
   */
  readonly result: Promise<RunReport>;
}

/**
 * Starts an extraction of the given tables into a pool and returns at
 * once. All partitions of all tables share one work pool and the Coupa
 * origin's rate limiter; every page is committed with its checkpoint, so a
 * run killed at any moment is resumed by the next one.
 *
 * @example
 * const run = startExtraction({ connection, poolPath, tables, mode: "auto" });
 * run.on("progress", (p) => render(p));
 * const report = await run.result;
 */
export function startExtraction(
  options: StartExtractionOptions,
): ExtractionHandle {
  const runId = options.runId ?? randomUUID();
  const controller = new AbortController();
  // Every request in flight listens to the run's signal.
  setMaxListeners(0, controller.signal);
  const cancel = () => {
    if (!controller.signal.aborted) {
      controller.abort(new ExtractionCancelledError());
    }
  };
  options.signal?.addEventListener("abort", cancel, { once: true });
  if (options.signal?.aborted) cancel();

  const events = new EventEmitter();
  const logger = options.logger ?? pino({ level: "silent" });
  const run = new ExtractionRun({
    ...options,
    runId,
    clock: options.clock ?? (() => new Date()),
    logger,
    safetyMarginMs: options.safetyMarginMs ?? DEFAULT_SAFETY_MARGIN_MS,
    signal: controller.signal,
    onProgress: () => {
      if (events.listenerCount("progress") === 0) return;
      try {
        events.emit("progress", run.progress());
      } catch (error) {
        // A broken display must not fail the commit that reported it.
        logger.warn({ err: error }, "a progress listener threw");
      }
    },
  });
  const result = run.execute().finally(() => {
    options.signal?.removeEventListener("abort", cancel);
  });
  return {
    runId,
    on: (event, listener) => void events.on(event, listener),
    progress: () => run.progress(),
    cancel,
    result,
  };
}
