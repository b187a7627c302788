import { maskSecret } from "../secrets/mask-secret.js";
import {
  SECRET_FIELDS,
  type StoredConnection,
} from "./connection-repository.js";

/**
 * A connection as the API shows it: the config with its secret masked
 * (`••••` plus the last four characters).
 */
export function connectionView(stored: StoredConnection) {
  const field = SECRET_FIELDS[stored.config.auth.type];
  const auth: Record<string, unknown> = { ...stored.config.auth };
  if (field && typeof auth[field] === "string") {
    auth[field] = maskSecret(auth[field] as string);
  }
  return {
    ...stored.config,
    auth,
    id: stored.id,
    poolId: stored.poolId,
    createdAt: stored.createdAt,
    updatedAt: stored.updatedAt,
  };
}
