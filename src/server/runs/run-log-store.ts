import type { MetadataDatabase } from "../storage/metadata-database.js";

/** One log line of a run: pino's fields plus a sequence number. */
export interface RunLogLine {
  readonly seq: number;
  readonly time: string;
  readonly level: string;
  readonly msg: string;
  readonly [field: string]: unknown;
}

/**
 * Log lines kept with each run in SQLite, bounded: only the newest
 * `maxLines` of a run are kept, so a long run with a chatty table cannot
 * grow the metadata database without end.
 */
export class RunLogStore {
  readonly #next = new Map<string, number>();

  /**
   * @param maxLines lines kept per run. Default 2000.
   */
  constructor(
    private readonly db: MetadataDatabase,
    private readonly maxLines = 2000,
  ) {}

  /** Appends a line; returns it with its sequence number. */
  append(runId: string, line: Omit<RunLogLine, "seq">): RunLogLine {
    const seq = this.#nextSeq(runId);
    const stored = { ...line, seq } as RunLogLine;
    this.db
      .prepare("INSERT INTO run_logs (run_id, seq, line_json) VALUES (?, ?, ?)")
      .run(runId, seq, JSON.stringify(stored));
    if (seq > this.maxLines) {
      this.db
        .prepare("DELETE FROM run_logs WHERE run_id = ? AND seq <= ?")
        .run(runId, seq - this.maxLines);
    }
    return stored;
  }

  /** The kept lines of a run in order, optionally only after `afterSeq`. */
  list(runId: string, afterSeq = 0): RunLogLine[] {
    const rows = this.db
      .prepare(
        "SELECT line_json FROM run_logs WHERE run_id = ? AND seq > ? ORDER BY seq",
      )
      .all(runId, afterSeq) as { line_json: string }[];
    return rows.map((row) => JSON.parse(row.line_json) as RunLogLine);
  }

  #nextSeq(runId: string): number {
    let next = this.#next.get(runId);
    if (next === undefined) {
      const row = this.db
        .prepare("SELECT max(seq) AS seq FROM run_logs WHERE run_id = ?")
        .get(runId) as { seq: number | null };
      next = (row.seq ?? 0) + 1;
    }
    this.#next.set(runId, next + 1);
    return next;
  }
}
