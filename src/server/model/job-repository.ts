import type { Clock } from "../clock.js";
import type { MetadataDatabase } from "../storage/metadata-database.js";
import { newId } from "../storage/new-id.js";

/** A job as stored. */
export interface StoredJob {
  readonly id: string;
  readonly poolId: string;
  readonly connectionId: string;
  readonly name: string;
  /** The tables and their settings as the user gave them. */
  readonly tables: Readonly<Record<string, Record<string, unknown>>>;
  readonly mode: "full" | "delta" | "auto";
  readonly schedule: string | null;
  readonly enabled: boolean;
  /** The cron occurrence last handled (ISO), null before the first. */
  readonly lastScheduledAt: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** The fields of a job a user sets. */
export type JobFields = Pick<
  StoredJob,
  "connectionId" | "name" | "tables" | "mode" | "schedule" | "enabled"
>;

interface JobRow {
  id: string;
  pool_id: string;
  connection_id: string;
  name: string;
  tables_json: string;
  mode: StoredJob["mode"];
  schedule: string | null;
  enabled: number;
  last_scheduled_at: string | null;
  created_at: string;
  updated_at: string;
}

/** Extraction jobs in the metadata database. */
export class JobRepository {
  constructor(
    private readonly db: MetadataDatabase,
    private readonly clock: Clock,
  ) {}

  /** Jobs of a pool, oldest first. */
  listByPool(poolId: string): StoredJob[] {
    return (
      this.db
        .prepare("SELECT * FROM jobs WHERE pool_id = ? ORDER BY created_at, id")
        .all(poolId) as JobRow[]
    ).map(toJob);
  }

  /** Jobs that use a connection. */
  listByConnection(connectionId: string): StoredJob[] {
    return (
      this.db
        .prepare("SELECT * FROM jobs WHERE connection_id = ? ORDER BY id")
        .all(connectionId) as JobRow[]
    ).map(toJob);
  }

  /** Enabled jobs that have a schedule. */
  listScheduled(): StoredJob[] {
    return (
      this.db
        .prepare(
          "SELECT * FROM jobs WHERE enabled = 1 AND schedule IS NOT NULL " +
            "ORDER BY id",
        )
        .all() as JobRow[]
    ).map(toJob);
  }

  /** One job, or undefined. */
  get(id: string): StoredJob | undefined {
    const row = this.db.prepare("SELECT * FROM jobs WHERE id = ?").get(id) as
      | JobRow
      | undefined;
    return row ? toJob(row) : undefined;
  }

  /**
   * Creates a job. Its schedule counts from now: occurrences before the
   * job existed are not "missed".
   */
  create(poolId: string, fields: JobFields): StoredJob {
    const id = newId("job");
    const now = this.clock().toISOString();
    this.db
      .prepare(
        "INSERT INTO jobs (id, pool_id, connection_id, name, tables_json, " +
          "mode, schedule, enabled, last_scheduled_at, created_at, " +
          "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      )
      .run(
        id,
        poolId,
        fields.connectionId,
        fields.name,
        JSON.stringify(fields.tables),
        fields.mode,
        fields.schedule,
        fields.enabled ? 1 : 0,
        now,
        now,
        now,
      );
    return this.get(id) as StoredJob;
  }

  /**
   * Replaces a job's fields. A changed schedule (or re-enabling) counts
   * from now, so editing a job never fires a burst of old occurrences.
   */
  replace(id: string, fields: JobFields): StoredJob {
    const current = this.get(id);
    if (!current) throw new Error(`No job ${id}`);
    const now = this.clock().toISOString();
    const rescheduled =
      fields.schedule !== current.schedule ||
      (fields.enabled && !current.enabled);
    this.db
      .prepare(
        "UPDATE jobs SET connection_id = ?, name = ?, tables_json = ?, " +
          "mode = ?, schedule = ?, enabled = ?, last_scheduled_at = ?, " +
          "updated_at = ? WHERE id = ?",
      )
      .run(
        fields.connectionId,
        fields.name,
        JSON.stringify(fields.tables),
        fields.mode,
        fields.schedule,
        fields.enabled ? 1 : 0,
        rescheduled ? now : current.lastScheduledAt,
        now,
        id,
      );
    return this.get(id) as StoredJob;
  }

  /** Records the cron occurrence last handled. */
  markScheduled(id: string, occurrence: Date): void {
    this.db
      .prepare("UPDATE jobs SET last_scheduled_at = ? WHERE id = ?")
      .run(occurrence.toISOString(), id);
  }

  /** Deletes a job and, by cascade, its runs. */
  delete(id: string): void {
    this.db.prepare("DELETE FROM jobs WHERE id = ?").run(id);
  }
}

function toJob(row: JobRow): StoredJob {
  return {
    id: row.id,
    poolId: row.pool_id,
    connectionId: row.connection_id,
    name: row.name,
    tables: JSON.parse(row.tables_json),
    mode: row.mode,
    schedule: row.schedule,
    enabled: row.enabled === 1,
    lastScheduledAt: row.last_scheduled_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
