import type { Partition } from "./partition-plan.js";
import type { TableProgress, TableStatus } from "./run-progress.js";
import type { TableError, TableReport } from "./run-report.js";

/** Request counts of a table's Coupa client, for its report. */
export interface RequestStats {
  readonly requests: number;
  readonly retries: number;
  readonly throttled: number;
}

/**
 * Counts what one table's read has done and turns it into live progress
 * and the final report. Mutated only by the table's own extraction.
 */
export class TableTracker {
  status: TableStatus = "pending";
  mode: "full" | "delta" | null = null;
  resumed = false;
  inserted = 0;
  updated = 0;
  deleted = 0;
  pages = 0;
  schemaChanges = 0;
  watermark: Date | null = null;
  partitions: readonly Partition[] = [];
  /** Highest id of the table, bounds the open last partition for the ETA. */
  maxId: number | null = null;
  error: TableError | undefined;
  readonly #startedAt: Date;
  #readingSince: Date | undefined;

  constructor(
    readonly table: string,
    readonly resource: string,
    startedAt: Date,
  ) {
    this.#startedAt = startedAt;
  }

  /** Marks the start of page reading (pages per second count from here). */
  startReading(now: Date): void {
    this.status = "running";
    this.#readingSince = now;
  }

  /** Live progress at `now`. */
  progress(now: Date): TableProgress {
    const seconds = this.#readingSeconds(now);
    const done = this.partitions.filter((p) => p.done).length;
    return {
      table: this.table,
      resource: this.resource,
      status: this.status,
      mode: this.mode,
      resumed: this.resumed,
      rows: this.inserted + this.updated,
      pages: this.pages,
      pagesPerSecond: seconds > 0 ? this.pages / seconds : 0,
      partitionsDone: done,
      partitionsTotal: this.partitions.length,
      etaSeconds: this.#eta(seconds),
    };
  }

  /** The table's report, with its client's request counts. */
  report(now: Date, stats: RequestStats): TableReport {
    const status =
      this.status === "done" || this.status === "cancelled"
        ? this.status
        : "failed";
    return {
      table: this.table,
      resource: this.resource,
      mode: this.mode,
      status,
      resumed: this.resumed,
      rowsInserted: this.inserted,
      rowsUpdated: this.updated,
      rowsDeleted: this.deleted,
      pages: this.pages,
      requests: stats.requests,
      retries: stats.retries,
      throttled: stats.throttled,
      schemaChanges: this.schemaChanges,
      watermark: this.watermark?.toISOString() ?? null,
      durationMs: now.getTime() - this.#startedAt.getTime(),
      ...(this.error ? { error: this.error } : {}),
    };
  }

  #readingSeconds(now: Date): number {
    if (!this.#readingSince) return 0;
    return (now.getTime() - this.#readingSince.getTime()) / 1000;
  }

  /** Seconds left from the share of the id range covered so far. */
  #eta(seconds: number): number | null {
    if (this.status !== "running" || seconds <= 0) return null;
    let total = 0;
    let covered = 0;
    for (const partition of this.partitions) {
      const span = this.#span(partition);
      if (span === undefined) return null;
      total += span;
      covered += this.#covered(partition, span);
    }
    if (total === 0 || covered === 0) return null;
    const share = covered / total;
    return Math.max(0, (seconds * (1 - share)) / share);
  }

  #span(partition: Partition): number | undefined {
    const { afterId, upToId } = partition.plan;
    const high = upToId ?? this.maxId;
    if (partition.plan.kind === "slice" || afterId === null || high === null) {
      return undefined;
    }
    return Math.max(1, high - afterId);
  }

  #covered(partition: Partition, span: number): number {
    if (partition.done) return span;
    if (partition.lastId === null) return 0;
    return Math.min(span, partition.lastId - (partition.plan.afterId ?? 0));
  }
}
