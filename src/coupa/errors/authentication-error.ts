import { CoupaError, type RequestContext, requestLine } from "./coupa-error.js";

/**
 * Coupa refused the credentials: the OAuth client id or secret (or the
 * API key) is wrong, or a fresh token was still refused.
 */
export class AuthenticationError extends CoupaError {
  readonly code = "AUTH_FAILED";
  /** Credentials do not fix themselves. */
  readonly retryable = false;

  constructor(context: RequestContext, reason: string, fix: string) {
    super(`${reason} for ${requestLine(context)}. ${fix}`, context);
  }

  /** The token endpoint refused the client id or secret. */
  static badClient(context: RequestContext): AuthenticationError {
    return new AuthenticationError(
      context,
      `Coupa refused the OAuth client credentials (${context.status})`,
      "Check auth.clientId and auth.clientSecret against the client's " +
        "Identifier and Secret under Setup > Integrations > " +
        "OAuth2/OpenID Connect Clients, and that the client is active " +
        "and uses the client credentials grant.",
    );
  }

  /** The API refused a token that was minted a moment ago. */
  static tokenRefused(context: RequestContext): AuthenticationError {
    return new AuthenticationError(
      context,
      "Coupa answered 401 Unauthorized even with a freshly minted token",
      "Check that the OAuth client is active and was not changed or " +
        "revoked under Setup > Integrations > OAuth2/OpenID Connect Clients.",
    );
  }

  /** The API refused the legacy API key. */
  static apiKeyRefused(context: RequestContext): AuthenticationError {
    return new AuthenticationError(
      context,
      "Coupa refused the API key (401 Unauthorized)",
      "Check auth.key; API keys are retired by Coupa: create an OAuth " +
        "client under Setup > Integrations > OAuth2/OpenID Connect Clients.",
    );
  }
}
