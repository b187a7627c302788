import { CoupaError, type RequestContext, requestLine } from "./coupa-error.js";

/** No connection could be made: refused or unreachable. */
export class ConnectionRefusedError extends CoupaError {
  readonly code = "CONNECTION_REFUSED";
  /** The far end may come back. */
  readonly retryable = true;

  constructor(
    context: RequestContext,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(
      `Could not connect for ${requestLine(context)}: ${detail}. Check ` +
        "host (and its port), that a firewall or proxy lets this machine " +
        "reach it, and sourceAddress if one is set.",
      context,
      options,
    );
  }
}
