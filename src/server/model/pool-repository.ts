import type { Clock } from "../clock.js";
import type { Pool } from "../schemas/pool-schemas.js";
import type { MetadataDatabase } from "../storage/metadata-database.js";
import { newId } from "../storage/new-id.js";

interface PoolRow {
  id: string;
  name: string;
  description: string;
  memory_limit_mb: number | null;
  created_at: string;
  updated_at: string;
}

/** Data pools in the metadata database. */
export class PoolRepository {
  constructor(
    private readonly db: MetadataDatabase,
    private readonly clock: Clock,
  ) {}

  /** Every pool, oldest first. */
  list(): Pool[] {
    const rows = this.db
      .prepare("SELECT * FROM pools ORDER BY created_at, id")
      .all() as PoolRow[];
    return rows.map(toPool);
  }

  /** One pool, or undefined. */
  get(id: string): Pool | undefined {
    const row = this.db.prepare("SELECT * FROM pools WHERE id = ?").get(id) as
      | PoolRow
      | undefined;
    return row ? toPool(row) : undefined;
  }

  /** Creates a pool. */
  create(input: {
    name: string;
    description: string;
    memoryLimitMb: number | null;
  }): Pool {
    const now = this.clock().toISOString();
    const id = newId("pool");
    this.db
      .prepare(
        "INSERT INTO pools (id, name, description, memory_limit_mb, " +
          "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
      )
      .run(id, input.name, input.description, input.memoryLimitMb, now, now);
    return this.get(id) as Pool;
  }

  /** Changes the given fields of a pool. */
  update(
    id: string,
    patch: {
      name?: string;
      description?: string;
      memoryLimitMb?: number | null;
    },
  ): Pool {
    const current = this.get(id);
    if (!current) throw new Error(`No pool ${id}`);
    this.db
      .prepare(
        "UPDATE pools SET name = ?, description = ?, memory_limit_mb = ?, " +
          "updated_at = ? WHERE id = ?",
      )
      .run(
        patch.name ?? current.name,
        patch.description ?? current.description,
        patch.memoryLimitMb === undefined
          ? current.memoryLimitMb
          : patch.memoryLimitMb,
        this.clock().toISOString(),
        id,
      );
    return this.get(id) as Pool;
  }

  /** Deletes a pool and, by cascade, its connections, jobs and runs. */
  delete(id: string): void {
    this.db.prepare("DELETE FROM pools WHERE id = ?").run(id);
  }
}

function toPool(row: PoolRow): Pool {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    memoryLimitMb: row.memory_limit_mb,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
