import { CoupaError, type RequestContext, requestLine } from "./coupa-error.js";

/** The connection dropped mid-request on every attempt. */
export class ConnectionLostError extends CoupaError {
  readonly code = "CONNECTION_LOST";
  /** Network trouble usually passes. */
  readonly retryable = true;

  constructor(
    context: RequestContext,
    attempts: number,
    options?: { cause?: unknown },
  ) {
    super(
      `The connection was dropped during ${requestLine(context)} ` +
        `(${attempts} attempt${attempts === 1 ? "" : "s"}). Try again ` +
        "later; if it persists, check proxies or firewalls between this " +
        "machine and Coupa.",
      context,
      options,
    );
  }
}
