import type { Clock } from "../clock.js";
import type { EngineConnection } from "../extraction-engine.js";
import type { SecretStore } from "../secrets/secret-store.js";
import type { MetadataDatabase } from "../storage/metadata-database.js";
import { newId } from "../storage/new-id.js";

/** Names of the auth fields that are secrets, per auth type. */
export const SECRET_FIELDS: Readonly<Record<string, string>> = {
  oauth: "clientSecret",
  apiKey: "key",
};

/** A stored connection: its config with the secret put back. */
export interface StoredConnection {
  readonly id: string;
  readonly poolId: string;
  readonly config: EngineConnection;
  readonly createdAt: string;
  readonly updatedAt: string;
}

interface ConnectionRow {
  id: string;
  pool_id: string;
  config_json: string;
  created_at: string;
  updated_at: string;
}

/**
 * Coupa data connections. The config goes to `connections.config_json`
 * without its secret; the secret goes to the encrypted secret store, so
 * the plain metadata never holds it.
 */
export class ConnectionRepository {
  constructor(
    private readonly db: MetadataDatabase,
    private readonly secrets: SecretStore,
    private readonly clock: Clock,
  ) {}

  /** Connections of a pool, oldest first. */
  listByPool(poolId: string): StoredConnection[] {
    const rows = this.db
      .prepare(
        "SELECT * FROM connections WHERE pool_id = ? ORDER BY created_at, id",
      )
      .all(poolId) as ConnectionRow[];
    return rows.map((row) => this.#toStored(row));
  }

  /** One connection with its secret, or undefined. */
  get(id: string): StoredConnection | undefined {
    const row = this.db
      .prepare("SELECT * FROM connections WHERE id = ?")
      .get(id) as ConnectionRow | undefined;
    return row ? this.#toStored(row) : undefined;
  }

  /** Stores a new connection of a pool. */
  create(poolId: string, config: EngineConnection): StoredConnection {
    const id = newId("conn");
    const now = this.clock().toISOString();
    this.db.transaction(() => {
      this.db
        .prepare(
          "INSERT INTO connections (id, pool_id, config_json, created_at, " +
            "updated_at) VALUES (?, ?, ?, ?, ?)",
        )
        .run(id, poolId, JSON.stringify(withoutSecret(config)), now, now);
      this.#storeSecret(id, config);
    })();
    return this.get(id) as StoredConnection;
  }

  /** Replaces a connection's config (and secret). */
  replace(id: string, config: EngineConnection): StoredConnection {
    this.db.transaction(() => {
      this.db
        .prepare(
          "UPDATE connections SET config_json = ?, updated_at = ? WHERE id = ?",
        )
        .run(
          JSON.stringify(withoutSecret(config)),
          this.clock().toISOString(),
          id,
        );
      this.secrets.deleteOwner(id);
      this.#storeSecret(id, config);
    })();
    return this.get(id) as StoredConnection;
  }

  /** Deletes a connection and its secret. */
  delete(id: string): void {
    this.db.transaction(() => {
      this.db.prepare("DELETE FROM connections WHERE id = ?").run(id);
      this.secrets.deleteOwner(id);
    })();
  }

  #storeSecret(id: string, config: EngineConnection): void {
    const field = SECRET_FIELDS[config.auth.type];
    const value = field ? config.auth[field] : undefined;
    if (field && typeof value === "string") this.secrets.set(id, field, value);
  }

  #toStored(row: ConnectionRow): StoredConnection {
    const config = JSON.parse(row.config_json) as EngineConnection;
    const secrets = this.secrets.all(row.id);
    return {
      id: row.id,
      poolId: row.pool_id,
      config: { ...config, auth: { ...config.auth, ...secrets } },
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }
}

/** The secret of a connection config, if it has one. */
export function connectionSecret(config: {
  auth: Readonly<Record<string, unknown>>;
}): string | undefined {
  const field = SECRET_FIELDS[String(config.auth.type)];
  const value = field ? config.auth[field] : undefined;
  return typeof value === "string" ? value : undefined;
}

function withoutSecret(config: EngineConnection): EngineConnection {
  const field = SECRET_FIELDS[config.auth.type];
  if (!field) return config;
  const { [field]: _secret, ...auth } = config.auth;
  return { ...config, auth: auth as EngineConnection["auth"] };
}
