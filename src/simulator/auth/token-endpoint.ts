import { JSON_TYPE } from "../content-types.js";
import type { SimRequest, SimResponse } from "../sim-exchange.js";
import { SimulatorHttpError } from "../simulator-http-error.js";
import type { OAuthClientRegistry } from "./oauth-client-registry.js";
import type { TokenIssuer } from "./token-issuer.js";

/** What the token endpoint needs from the running simulator. */
export interface TokenEndpointDeps {
  readonly clients: OAuthClientRegistry;
  readonly tokens: TokenIssuer;
  /** Lifetime of new tokens in seconds, read per request. */
  readonly lifetimeSeconds: () => number;
}

/**
 * `POST /oauth2/token` and `/oauth2/access_tokens`: the client
 * credentials grant, credentials in the form body or as HTTP Basic.
 * With no `scope` the token carries every scope of the client.
 *
 * @throws SimulatorHttpError 400 (unsupported grant, invalid scope) or
 * 401 (unknown client or wrong secret), in OAuth's error shape
 */
export function handleTokenRequest(
  request: SimRequest,
  deps: TokenEndpointDeps,
): SimResponse {
  const form = new URLSearchParams(request.body);
  const grantType = form.get("grant_type");
  if (grantType !== "client_credentials") {
    throw SimulatorHttpError.oauth(
      400,
      "unsupported_grant_type",
      `grant_type "${grantType ?? ""}" is not supported here; ` +
        "send grant_type=client_credentials.",
    );
  }

  const credentials = clientCredentials(request, form);
  const client = deps.clients.verify(credentials.id, credentials.secret);
  if (!client) {
    throw SimulatorHttpError.oauth(
      401,
      "invalid_client",
      "The client ID is unknown or the secret is wrong; check the " +
        "Identifier and Secret under Setup > OAuth2/OpenID Connect Clients.",
    );
  }

  const scopes = requestedScopes(form.get("scope"), client.scopes);
  const lifetime = deps.lifetimeSeconds();
  const body = JSON.stringify({
    access_token: deps.tokens.issue(client.clientId, scopes, lifetime),
    token_type: "bearer",
    expires_in: lifetime,
  });
  const headers = { "content-type": JSON_TYPE, "cache-control": "no-store" };
  return { status: 200, headers, body, records: 0 };
}

function clientCredentials(
  request: SimRequest,
  form: URLSearchParams,
): { id: string; secret: string } {
  const basic = /^basic\s+(\S+)$/i.exec(request.headers.authorization ?? "");
  const inBody = form.has("client_id") || form.has("client_secret");
  if (basic?.[1] && inBody) {
    throw SimulatorHttpError.oauth(
      401,
      "invalid_client",
      "Credentials were sent twice (HTTP Basic and form body); " +
        "send them one way only.",
    );
  }
  if (basic?.[1]) return decodeBasic(basic[1]);
  return {
    id: form.get("client_id") ?? "",
    secret: form.get("client_secret") ?? "",
  };
}

function decodeBasic(encoded: string): { id: string; secret: string } {
  const text = Buffer.from(encoded, "base64").toString("utf8");
  const colon = text.indexOf(":");
  const decode = (s: string) => {
    try {
      return decodeURIComponent(s.replace(/\+/g, " "));
    } catch {
      return s;
    }
  };
  if (colon < 0) return { id: decode(text), secret: "" };
  return {
    id: decode(text.slice(0, colon)),
    secret: decode(text.slice(colon + 1)),
  };
}

function requestedScopes(
  requested: string | null,
  held: readonly string[],
): readonly string[] {
  const wanted = (requested ?? "").split(/\s+/).filter(Boolean);
  if (wanted.length === 0) return held;
  const missing = wanted.filter((scope) => !held.includes(scope));
  if (missing.length > 0) {
    throw SimulatorHttpError.oauth(
      400,
      "invalid_scope",
      `The client does not hold scope ${missing.join(", ")}; add it to ` +
        "the OAuth client or leave it out of the request.",
    );
  }
  return [...new Set(wanted)];
}
