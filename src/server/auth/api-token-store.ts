import { createHash, randomBytes } from "node:crypto";
import type { Clock } from "../clock.js";
import type { MetadataDatabase } from "../storage/metadata-database.js";
import { newId } from "../storage/new-id.js";

/** An API token as listed: never the token itself. */
export interface ApiTokenInfo {
  readonly id: string;
  readonly name: string;
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
  readonly revokedAt: string | null;
}

/** A token just created: the only time its value is known. */
export interface CreatedApiToken extends ApiTokenInfo {
  readonly token: string;
}

interface TokenRow {
  id: string;
  name: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

const TOKEN_PREFIX = "cxt_";

/**
 * API tokens for the REST API. Only a SHA-256 hash of each token is
 * stored: a token has 256 random bits, so a plain hash (no salt, no slow
 * KDF) cannot be reversed, and lookup stays one indexed query.
 *
 * @example
 * const { token } = store.create("ci");
 * store.verify(token); // the token's info
 */
export class ApiTokenStore {
  constructor(
    private readonly db: MetadataDatabase,
    private readonly clock: Clock,
  ) {}

  /** Creates a token; its value is returned once and never again. */
  create(name = "default"): CreatedApiToken {
    const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
    const info: ApiTokenInfo = {
      id: newId("tok"),
      name,
      createdAt: this.clock().toISOString(),
      lastUsedAt: null,
      revokedAt: null,
    };
    this.db
      .prepare(
        "INSERT INTO api_tokens (id, name, token_hash, created_at) " +
          "VALUES (?, ?, ?, ?)",
      )
      .run(info.id, name, hashToken(token), info.createdAt);
    return { ...info, token };
  }

  /** Every token, newest first, revoked ones included. */
  list(): ApiTokenInfo[] {
    const rows = this.db
      .prepare(
        "SELECT id, name, created_at, last_used_at, revoked_at " +
          "FROM api_tokens ORDER BY created_at DESC, id",
      )
      .all() as TokenRow[];
    return rows.map(toInfo);
  }

  /** Revokes a token by id or name; returns false when none matched. */
  revoke(idOrName: string): boolean {
    const result = this.db
      .prepare(
        "UPDATE api_tokens SET revoked_at = ? " +
          "WHERE (id = ? OR name = ?) AND revoked_at IS NULL",
      )
      .run(this.clock().toISOString(), idOrName, idOrName);
    return result.changes > 0;
  }

  /** The token's info when it is known and not revoked, else undefined. */
  verify(token: string): ApiTokenInfo | undefined {
    const row = this.db
      .prepare(
        "SELECT id, name, created_at, last_used_at, revoked_at " +
          "FROM api_tokens WHERE token_hash = ? AND revoked_at IS NULL",
      )
      .get(hashToken(token)) as TokenRow | undefined;
    if (!row) return undefined;
    this.db
      .prepare("UPDATE api_tokens SET last_used_at = ? WHERE id = ?")
      .run(this.clock().toISOString(), row.id);
    return toInfo(row);
  }
}

function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

function toInfo(row: TokenRow): ApiTokenInfo {
  return {
    id: row.id,
    name: row.name,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}
