import { isHtml, parseJson, scopesNamedIn } from "./coupa-response.js";
import { AuthenticationError } from "./errors/authentication-error.js";
import { CoupaApiError } from "./errors/coupa-api-error.js";
import type { CoupaError, RequestContext } from "./errors/coupa-error.js";
import { IpNotAllowlistedError } from "./errors/ip-not-allowlisted-error.js";
import { RedirectError } from "./errors/redirect-error.js";
import { ScopeMissingError } from "./errors/scope-missing-error.js";
import { scopeForPath } from "./scope-for-path.js";
import type { TransportResponse } from "./transport.js";

/** What `refusalError` needs to know about the request and connection. */
export interface RefusalFacts {
  /** True for `POST /oauth2/token`. */
  readonly isTokenRequest: boolean;
  /** Request path, to find the scope the catalog gives it. */
  readonly path: string;
  readonly apiVersion: string;
  /** Scopes the token request asked for. */
  readonly requestedScopes: readonly string[];
  readonly sourceAddress: string | undefined;
  /** Egress addresses of the connection's cluster, when it has one. */
  readonly egress: () => readonly string[];
}

/**
 * The error for an answer that retrying cannot fix: a redirect, Coupa's
 * HTML access-denied page, refused credentials or scopes, or any other
 * status, each with the message that says what to do.
 */
export function refusalError(
  response: TransportResponse,
  context: RequestContext,
  facts: RefusalFacts,
): CoupaError {
  const status = response.status;
  if (status >= 300 && status < 400) {
    return new RedirectError(context, response.headers.location);
  }
  if (status === 403 && isHtml(response)) {
    return new IpNotAllowlistedError(
      context,
      facts.sourceAddress,
      facts.egress(),
    );
  }
  if (facts.isTokenRequest && (status === 400 || status === 401)) {
    return tokenRefusal(response, context, facts);
  }
  if (status === 403) {
    return new ScopeMissingError(context, missingScopes(response, facts));
  }
  return new CoupaApiError(context, hintFor(status));
}

function tokenRefusal(
  response: TransportResponse,
  context: RequestContext,
  facts: RefusalFacts,
): CoupaError {
  const answer = parseJson(response.body) as { error?: unknown } | undefined;
  if (answer?.error === "invalid_scope") {
    const named = scopesNamedIn(response.body);
    const scopes = named.length > 0 ? named : [...facts.requestedScopes];
    return new ScopeMissingError(context, scopes);
  }
  if (response.status === 401 || answer?.error === "invalid_client") {
    return AuthenticationError.badClient(context);
  }
  return new CoupaApiError(context, hintFor(response.status));
}

// Coupa's 403 bodies are undocumented: use the scope they name, else the
// one the catalog gives the endpoint.
function missingScopes(
  response: TransportResponse,
  facts: RefusalFacts,
): string[] {
  const named = scopesNamedIn(response.body);
  if (named.length > 0) return named;
  const scope = scopeForPath(facts.path, facts.apiVersion);
  return scope ? [scope] : [];
}

function hintFor(status: number): string | undefined {
  if (status === 400) {
    return "Coupa rejected the query: check the table's filter and fields.";
  }
  if (status >= 500) return "Coupa failed to answer: retry later.";
  return undefined;
}
