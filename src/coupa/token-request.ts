import { parseJson } from "./coupa-response.js";
import type { MintedToken } from "./token-cache.js";

/** Coupa's documented token lifetime, used when `expires_in` is missing. */
const DEFAULT_LIFETIME_SECONDS = 86_399;

/** The OAuth client a token is requested for. */
export interface TokenClient {
  readonly clientId: string;
  readonly clientSecret: string;
  /** Requested scopes; none asks for all the client holds. */
  readonly scopes?: readonly string[] | undefined;
}

/**
 * The form body of a client-credentials token request, credentials in the
 * body as every Coupa example sends them; scopes space-separated.
 */
export function tokenRequestBody(client: TokenClient): string {
  const form = new URLSearchParams({
    grant_type: "client_credentials",
    client_id: client.clientId,
    client_secret: client.clientSecret,
  });
  if (client.scopes?.length) form.set("scope", client.scopes.join(" "));
  return form.toString();
}

/** The token in a token answer, or undefined when it has none. */
export function readTokenAnswer(body: Buffer): MintedToken | undefined {
  const answer = parseJson(body) as Record<string, unknown> | undefined;
  const accessToken = answer?.access_token;
  if (typeof accessToken !== "string" || accessToken === "") return undefined;
  const expires = Number(answer?.expires_in ?? DEFAULT_LIFETIME_SECONDS);
  const valid = Number.isFinite(expires) && expires > 0;
  return {
    accessToken,
    expiresInSeconds: valid ? expires : DEFAULT_LIFETIME_SECONDS,
  };
}
