/** Why a table failed: the error's stable code and its message. */
export interface TableError {
  readonly code: string;
  readonly message: string;
  readonly retryable: boolean;
}

/** The outcome of one table in a run. */
export interface TableReport {
  readonly table: string;
  readonly resource: string;
  /** Null when the table failed before it was planned. */
  readonly mode: "full" | "delta" | null;
  readonly status: "done" | "failed" | "cancelled";
  readonly resumed: boolean;
  readonly rowsInserted: number;
  readonly rowsUpdated: number;
  /** Parents marked deleted (delete detection or a full re-read). */
  readonly rowsDeleted: number;
  readonly pages: number;
  readonly requests: number;
  readonly retries: number;
  /** Answers 429 (throttled) the client received. */
  readonly throttled: number;
  /** Columns added or changed in the pool (schema drift, evolve). */
  readonly schemaChanges: number;
  /** Watermark stored when the table completed (ISO 8601). */
  readonly watermark: string | null;
  readonly durationMs: number;
  readonly error?: TableError;
}

/** The outcome of a run, stored in the pool's `_runs` and returned. */
export interface RunReport {
  readonly runId: string;
  /** succeeded: every table done; failed: some table failed. */
  readonly status: "succeeded" | "failed" | "cancelled";
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly durationMs: number;
  readonly tables: readonly TableReport[];
  readonly totals: {
    readonly rows: number;
    readonly requests: number;
    readonly retries: number;
    readonly throttled: number;
  };
}
