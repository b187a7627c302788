/** Where one table of a run stands. */
export type TableStatus =
  | "pending"
  | "planning"
  | "running"
  | "done"
  | "failed"
  | "cancelled";

/** Live progress of one table. */
export interface TableProgress {
  /** Pool table of the parent (the table's `target`). */
  readonly table: string;
  readonly resource: string;
  readonly status: TableStatus;
  /** Known once planned; null while pending. */
  readonly mode: "full" | "delta" | null;
  /** True when the table continues an unfinished run's checkpoints. */
  readonly resumed: boolean;
  /** Parent records committed so far. */
  readonly rows: number;
  readonly pages: number;
  /** Pages committed per second since the table started reading. */
  readonly pagesPerSecond: number;
  readonly partitionsDone: number;
  readonly partitionsTotal: number;
  /** Seconds left, estimated from the id range covered; null if unknown. */
  readonly etaSeconds: number | null;
}

/** Live progress of a run. */
export interface RunProgress {
  readonly runId: string;
  readonly status: "running" | "succeeded" | "failed" | "cancelled";
  readonly startedAt: Date;
  readonly elapsedMs: number;
  readonly tables: readonly TableProgress[];
}
