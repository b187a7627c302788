import type { SimRequest } from "../sim-exchange.js";
import { SimulatorHttpError } from "../simulator-http-error.js";
import type { ApiKeyRegistry } from "./api-key-registry.js";
import type { Principal } from "./principal.js";
import type { TokenIssuer } from "./token-issuer.js";

/** What authentication needs from the running simulator. */
export interface AuthenticationDeps {
  readonly tokens: TokenIssuer;
  readonly apiKeys: ApiKeyRegistry;
  /** Whether legacy API keys are accepted right now. */
  readonly apiKeysEnabled: () => boolean;
  readonly now: () => number;
}

/**
 * Finds the caller from `Authorization: Bearer` or, when legacy keys are
 * on, `X-COUPA-API-KEY`.
 *
 * @throws SimulatorHttpError 401 for missing, invalid or expired
 * credentials; 403 for an API key used from an address it does not allow
 */
export function authenticateRequest(
  request: SimRequest,
  deps: AuthenticationDeps,
): Principal {
  const authorization = request.headers.authorization;
  if (authorization) return bearerPrincipal(authorization, deps);

  const key = request.headers["x-coupa-api-key"];
  if (key && deps.apiKeysEnabled()) return keyPrincipal(key, request, deps);
  if (key) {
    throw unauthorized(
      "API keys are not accepted by this tenant; use an OAuth client " +
        "(POST /oauth2/token) instead.",
    );
  }
  throw unauthorized(
    "No credentials: send Authorization: Bearer <access token> " +
      "obtained from POST /oauth2/token.",
  );
}

function bearerPrincipal(
  authorization: string,
  deps: AuthenticationDeps,
): Principal {
  const match = /^bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!match?.[1]) {
    throw unauthorized(
      'The Authorization header must read "Bearer <access token>".',
    );
  }

  const grant = deps.tokens.verify(match[1]);
  if (grant === "expired") {
    throw unauthorized(
      "The access token has expired; request a new one from " +
        "POST /oauth2/token.",
    );
  }
  if (typeof grant === "string") {
    throw unauthorized(
      "The access token is not valid for this tenant; request a new one " +
        "from POST /oauth2/token.",
    );
  }
  return { kind: "oauth", clientId: grant.clientId, scopes: grant.scopes };
}

function keyPrincipal(
  value: string,
  request: SimRequest,
  deps: AuthenticationDeps,
): Principal {
  const key = deps.apiKeys.find(value);
  if (!key) {
    throw unauthorized("Unknown API key; check X-COUPA-API-KEY.");
  }
  if (key.revoked) {
    throw unauthorized(
      `The API key of ${key.login} was revoked; use an OAuth client or ` +
        "a new key.",
    );
  }
  if (key.expiresAt && deps.now() >= Date.parse(key.expiresAt)) {
    throw unauthorized(
      `The API key of ${key.login} expired at ${key.expiresAt}; ` +
        "use an OAuth client or a new key.",
    );
  }
  if (!key.allows(request.sourceAddress)) {
    throw SimulatorHttpError.oauth(
      403,
      "forbidden",
      `The API key of ${key.login} may not be used from ` +
        `${request.sourceAddress}; add the address to the key's IP allowlist.`,
    );
  }
  return { kind: "apiKey", login: key.login, permissions: key.permissions };
}

function unauthorized(description: string): SimulatorHttpError {
  return SimulatorHttpError.oauth(
    401,
    "invalid_token",
    description,
    {},
    { "www-authenticate": 'Bearer error="invalid_token"' },
  );
}
