import type { Clock } from "../clock.js";
import type { Run, RunStatus } from "../schemas/run-schemas.js";
import type { MetadataDatabase } from "../storage/metadata-database.js";
import { newId } from "../storage/new-id.js";

interface RunRow {
  id: string;
  pool_id: string;
  job_id: string;
  trigger: Run["trigger"];
  status: RunStatus;
  mode: string;
  extraction_run_id: string | null;
  attempts: number;
  progress_json: string | null;
  report_json: string | null;
  error_json: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

/** Statuses of a run that has not ended. */
export const ACTIVE_STATUSES: readonly RunStatus[] = ["queued", "running"];

/** Runs of extraction jobs in the metadata database. */
export class RunRepository {
  constructor(
    private readonly db: MetadataDatabase,
    private readonly clock: Clock,
  ) {}

  /** Creates a queued run of a job. */
  create(
    job: { id: string; poolId: string; mode: string },
    trigger: Run["trigger"],
  ): Run {
    const id = newId("run");
    this.db
      .prepare(
        "INSERT INTO runs (id, pool_id, job_id, trigger, status, mode, " +
          "created_at) VALUES (?, ?, ?, ?, 'queued', ?, ?)",
      )
      .run(
        id,
        job.poolId,
        job.id,
        trigger,
        job.mode,
        this.clock().toISOString(),
      );
    return this.get(id) as Run;
  }

  /** One run, or undefined. */
  get(id: string): Run | undefined {
    const row = this.db.prepare("SELECT * FROM runs WHERE id = ?").get(id) as
      | RunRow
      | undefined;
    return row ? toRun(row) : undefined;
  }

  /** The newest runs of a pool, newest first. */
  listByPool(poolId: string, limit = 50): Run[] {
    return (
      this.db
        .prepare(
          "SELECT * FROM runs WHERE pool_id = ? " +
            "ORDER BY created_at DESC, rowid DESC LIMIT ?",
        )
        .all(poolId, limit) as RunRow[]
    ).map(toRun);
  }

  /** Runs of a job, newest first. */
  listByJob(jobId: string, limit = 50): Run[] {
    return (
      this.db
        .prepare(
          "SELECT * FROM runs WHERE job_id = ? " +
            "ORDER BY created_at DESC, rowid DESC LIMIT ?",
        )
        .all(jobId, limit) as RunRow[]
    ).map(toRun);
  }

  /** Runs that have not ended (queued or running), oldest first. */
  listActive(): Run[] {
    return (
      this.db
        .prepare(
          "SELECT * FROM runs WHERE status IN ('queued', 'running') " +
            "ORDER BY created_at, rowid",
        )
        .all() as RunRow[]
    ).map(toRun);
  }

  /** The job's run that has not ended, if any. */
  activeOfJob(jobId: string): Run | undefined {
    const row = this.db
      .prepare(
        "SELECT * FROM runs WHERE job_id = ? AND status IN ('queued', 'running') " +
          "ORDER BY created_at DESC LIMIT 1",
      )
      .get(jobId) as RunRow | undefined;
    return row ? toRun(row) : undefined;
  }

  /** Marks a run as running (again, on resume) with its extraction id. */
  markRunning(id: string, extractionRunId: string): void {
    this.db
      .prepare(
        "UPDATE runs SET status = 'running', extraction_run_id = ?, " +
          "attempts = attempts + 1, started_at = coalesce(started_at, ?) " +
          "WHERE id = ?",
      )
      .run(extractionRunId, this.clock().toISOString(), id);
  }

  /** Stores the latest progress of a running run. */
  saveProgress(id: string, progress: unknown): void {
    this.db
      .prepare("UPDATE runs SET progress_json = ? WHERE id = ?")
      .run(JSON.stringify(progress ?? null), id);
  }

  /** Records a run's end. */
  finish(
    id: string,
    end: {
      status: Exclude<RunStatus, "queued" | "running">;
      progress?: unknown;
      report?: unknown;
      error?: { code: string; message: string };
    },
  ): void {
    this.db
      .prepare(
        "UPDATE runs SET status = ?, progress_json = coalesce(?, progress_json), " +
          "report_json = ?, error_json = ?, finished_at = ? WHERE id = ?",
      )
      .run(
        end.status,
        end.progress === undefined ? null : JSON.stringify(end.progress),
        end.report === undefined ? null : JSON.stringify(end.report),
        end.error ? JSON.stringify(end.error) : null,
        this.clock().toISOString(),
        id,
      );
  }
}

function toRun(row: RunRow): Run {
  return {
    id: row.id,
    poolId: row.pool_id,
    jobId: row.job_id,
    trigger: row.trigger,
    status: row.status,
    mode: row.mode,
    attempts: row.attempts,
    progress: row.progress_json ? JSON.parse(row.progress_json) : null,
    report: row.report_json ? JSON.parse(row.report_json) : null,
    error: row.error_json ? JSON.parse(row.error_json) : null,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}
