import type { Logger } from "pino";

/**
 * First Coupa release that no longer accepts API keys (R32: OAuth only for
 * new customers; R34: no new keys; R35: keys no longer supported).
 */
export const API_KEYS_REMOVED_IN = "R35";

/** Where an admin creates the OAuth client that replaces a key. */
export const OAUTH_CLIENT_SETUP =
  "Setup > Integrations > OAuth2/OpenID Connect Clients";

/**
 * Whether Coupa still accepts `X-COUPA-API-KEY` at this release.
 *
 * @example
 * apiKeysSupported("R34"); // true
 * apiKeysSupported("R35"); // false
 */
export function apiKeysSupported(apiVersion: string): boolean {
  return releaseNumber(apiVersion) < releaseNumber(API_KEYS_REMOVED_IN);
}

/** Why an API key is refused at this release, and what to do instead. */
export function apiKeyRefusal(apiVersion: string): string {
  return (
    `API keys are not supported by Coupa ${apiVersion} (removed in ` +
    `${API_KEYS_REMOVED_IN}). Create an OAuth client with the client ` +
    `credentials grant under ${OAUTH_CLIENT_SETUP} and configure ` +
    `auth: { type: "oauth", clientId, clientSecret }`
  );
}

let warned = false;

/**
 * Logs, once per process, that API keys are being retired. Called
 * whenever a connection with an API key is used; later calls are silent so
 * a long run does not repeat it per request.
 */
export function warnApiKeyDeprecated(logger: Logger): void {
  if (warned) return;
  warned = true;
  logger.warn(
    `Coupa is retiring API keys (no longer supported from ` +
      `${API_KEYS_REMOVED_IN}). Create an OAuth client under ` +
      `${OAUTH_CLIENT_SETUP} and switch auth to type "oauth".`,
  );
}

function releaseNumber(apiVersion: string): number {
  const match = /^R(\d+)$/i.exec(apiVersion.trim());
  return match ? Number(match[1]) : Number.NaN;
}
