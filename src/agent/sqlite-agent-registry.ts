import { randomUUID } from "node:crypto";
import type { Database } from "better-sqlite3";
import type {
  AgentInfo,
  AgentRegistry,
  CreatedAgent,
} from "./agent-registry.js";
import { createAgentToken, hashAgentToken } from "./agent-token.js";

interface AgentRow {
  id: string;
  name: string;
  created_at: string;
  revoked_at: string | null;
}

/**
 * Agents in the service's SQLite database, in a table `agents` that it
 * creates if missing. Tokens are stored as SHA-256 hashes only: a token
 * is shown once, at creation, and cannot be recovered.
 *
 * @example
 * const registry = new SqliteAgentRegistry(db);
 * const { id, token } = registry.create("acme-dc1");
 */
export class SqliteAgentRegistry implements AgentRegistry {
  readonly #db: Database;
  readonly #clock: () => Date;

  /** @param clock Source of `createdAt`/`revokedAt`. Default `new Date()`. */
  constructor(db: Database, clock: () => Date = () => new Date()) {
    this.#db = db;
    this.#clock = clock;
    db.exec(`CREATE TABLE IF NOT EXISTS agents (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      token_hash TEXT NOT NULL UNIQUE,
      created_at TEXT NOT NULL,
      revoked_at TEXT
    )`);
  }

  create(name: string): CreatedAgent {
    const id = randomUUID();
    const token = createAgentToken();
    this.#db
      .prepare(
        "INSERT INTO agents (id, name, token_hash, created_at) " +
          "VALUES (?, ?, ?, ?)",
      )
      .run(id, name, hashAgentToken(token), this.#clock().toISOString());
    return { id, name, token };
  }

  verify(token: string): AgentInfo | null {
    const row = this.#db
      .prepare(
        "SELECT id, name, created_at, revoked_at FROM agents " +
          "WHERE token_hash = ? AND revoked_at IS NULL",
      )
      .get(hashAgentToken(token)) as AgentRow | undefined;
    return row ? toInfo(row) : null;
  }

  get(id: string): AgentInfo | null {
    const row = this.#db
      .prepare(
        "SELECT id, name, created_at, revoked_at FROM agents WHERE id = ?",
      )
      .get(id) as AgentRow | undefined;
    return row ? toInfo(row) : null;
  }

  revoke(id: string): boolean {
    const result = this.#db
      .prepare(
        "UPDATE agents SET revoked_at = coalesce(revoked_at, ?) WHERE id = ?",
      )
      .run(this.#clock().toISOString(), id);
    return result.changes > 0;
  }

  list(): AgentInfo[] {
    const rows = this.#db
      .prepare(
        "SELECT id, name, created_at, revoked_at FROM agents " +
          "ORDER BY created_at, id",
      )
      .all() as AgentRow[];
    return rows.map(toInfo);
  }
}

function toInfo(row: AgentRow): AgentInfo {
  return {
    id: row.id,
    name: row.name,
    createdAt: new Date(row.created_at),
    revokedAt: row.revoked_at ? new Date(row.revoked_at) : null,
  };
}
