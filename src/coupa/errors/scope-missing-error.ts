import { CoupaError, type RequestContext, requestLine } from "./coupa-error.js";

/**
 * The OAuth client lacks a scope: either Coupa refused to put it in the
 * token (400 invalid_scope) or refused an endpoint that needs it (403).
 */
export class ScopeMissingError extends CoupaError {
  readonly code = "SCOPE_MISSING";
  /** An admin has to grant the scope first. */
  readonly retryable = false;

  constructor(
    context: RequestContext,
    /** The missing scope(s), e.g. `core.invoice.read`. */
    readonly scopes: readonly string[],
  ) {
    const named = scopes.length > 0 ? scopes.join(", ") : "(not named)";
    super(
      `Coupa answered ${context.status} for ${requestLine(context)}: the ` +
        `OAuth client lacks scope ${named}. Add it to the client under ` +
        "Setup > Integrations > OAuth2/OpenID Connect Clients, and to " +
        "auth.scopes if you list scopes in the config.",
      context,
    );
  }
}
