import { CoupaError, type RequestContext, requestLine } from "./coupa-error.js";

/** Coupa did not answer in time, on every attempt. */
export class TimeoutError extends CoupaError {
  readonly code = "TIMEOUT";
  /** A slow period may pass. */
  readonly retryable = true;

  constructor(
    context: RequestContext,
    readonly timeoutMs: number,
    attempts: number,
    options?: { cause?: unknown },
  ) {
    super(
      `Coupa did not answer ${requestLine(context)} within ${timeoutMs} ms ` +
        `(${attempts} attempt${attempts === 1 ? "" : "s"}). Try again later ` +
        "or raise requestTimeoutMs; ask fewer fields with `fields` if pages " +
        "are large.",
      context,
      options,
    );
  }
}
