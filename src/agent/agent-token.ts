import { createHash, randomBytes } from "node:crypto";

/**
 * A new agent token: 32 random bytes, base64url, with a `cxa_` prefix so
 * secret scanners and people recognise it.
 */
export function createAgentToken(): string {
  return `cxa_${randomBytes(32).toString("base64url")}`;
}

/** The SHA-256 hex digest under which a token is stored and looked up. */
export function hashAgentToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}
