/**
 * The data pool as extract/ sees it. `DuckDbPoolStore` implements it on a
 * DuckDB file; every method that writes does so in one transaction.
 */
import type { RowBatch, TableRows } from "../normalize/row-batch.js";

/** How a table reacts to columns that differ from what the pool has. */
export type SchemaDriftPolicy = "evolve" | "fail";

/** A change of a table's columns, as recorded in the schema history. */
export interface SchemaChange {
  readonly table: string;
  readonly column: string;
  readonly change: "added" | "removed" | "retyped";
  /** Type before and after, in DuckDB spelling. */
  readonly from?: string;
  readonly to?: string;
  /** Name in Coupa's payload (`invoice-number`). */
  readonly source: string;
}

/** Where a partition of a table's read stands. */
export interface Checkpoint {
  readonly runId: string;
  /** Pool table of the parent resource. */
  readonly table: string;
  /** Stable key of the partition within the run, e.g. `ids:1-5000`. */
  readonly partition: string;
  /** Highest id committed so far; null before the first page. */
  readonly lastId: number | null;
  readonly done: boolean;
  /** Free-form plan of the partition (bounds, window), as JSON text. */
  readonly plan: string;
}

/** Counts of one committed page, for run reports. */
export interface CommitResult {
  readonly inserted: number;
  readonly updated: number;
  /** Columns added or changed by this commit (evolve policy). */
  readonly schemaChanges: readonly SchemaChange[];
}

/** A run as recorded in the pool's `_runs` table. */
export interface RunRecord {
  readonly runId: string;
  readonly mode: "full" | "delta";
  readonly tables: readonly string[];
  readonly startedAt: Date;
}

/** Writes to the pool for the runs of an extraction. */
export interface PoolStore {
  /** Records a run as started. */
  startRun(run: RunRecord): Promise<void>;

  /** Records a run's end, its status and its report (JSON-serializable). */
  finishRun(
    runId: string,
    status: "succeeded" | "failed" | "cancelled",
    report: unknown,
  ): Promise<void>;

  /**
   * The pool's secret for pseudonymization (HMAC-SHA-256 key), created
   * once with the pool and stable across runs.
   */
  pseudonymKey(): Promise<Buffer>;

  /**
   * Commits one page in one transaction: upserts the parent rows by
   * primary key, replaces every child row of `batch.parentIds`, evolves
   * or checks the schema, and stores the partition's checkpoint. A crash
   * leaves either all of it or none of it.
   *
   * With policy `fail`, a column difference throws `SchemaDriftError`
   * (naming the columns) before anything is written.
   */
  commitPage(
    batch: RowBatch,
    checkpoint: Checkpoint,
    policy: SchemaDriftPolicy,
  ): Promise<CommitResult>;

  /** Saves checkpoints without rows (a partition planned or done). */
  saveCheckpoints(checkpoints: readonly Checkpoint[]): Promise<void>;

  /** Checkpoints of the newest unfinished run of a table, if any. */
  unfinishedCheckpoints(table: string): Promise<readonly Checkpoint[]>;

  /** The table's watermark (upper bound of the last complete read). */
  watermark(table: string): Promise<Date | null>;

  /** Stores the watermark and marks the table's run complete. */
  completeTable(table: string, runId: string, watermark: Date): Promise<void>;

  /**
   * Marks parents whose ids are not in `liveIds` as deleted
   * (`_deleted_at`) and removes their child rows. Returns how many.
   */
  markDeleted(
    table: string,
    liveIds: ReadonlySet<number>,
    at: Date,
  ): Promise<number>;

  /** Ensures tables exist with these columns before the first page. */
  prepareTables(
    tables: readonly Pick<TableRows, "table" | "columns" | "isParent">[],
    policy: SchemaDriftPolicy,
  ): Promise<readonly SchemaChange[]>;

  close(): Promise<void>;
}
