import {
  CoupaError,
  type RequestContext,
  requestLine,
  statusLine,
} from "./coupa-error.js";

/**
 * Coupa answered with a redirect. The client never follows one: it would
 * send the token to wherever the Location points.
 */
export class RedirectError extends CoupaError {
  readonly code = "REDIRECTED";
  /** The host setting has to change. */
  readonly retryable = false;

  constructor(
    context: RequestContext,
    /** The Location header, or undefined when there was none. */
    readonly location: string | undefined,
  ) {
    super(
      `Coupa answered ${statusLine(context.status ?? 302)} for ` +
        `${requestLine(context)}, redirecting to ` +
        `${location ?? "(no Location header)"}. Redirects are not ` +
        "followed: if that is your instance, set host to its origin; a " +
        "redirect to a login page usually means the host is not an API host.",
      context,
    );
  }
}
