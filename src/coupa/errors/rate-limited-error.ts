import {
  CoupaError,
  type RequestContext,
  requestLine,
  statusLine,
} from "./coupa-error.js";

/** Coupa kept throttling (429/503) until the retry policy gave up. */
export class RateLimitedError extends CoupaError {
  readonly code = "RATE_LIMITED";
  /** The limit frees up again. */
  readonly retryable = true;

  constructor(context: RequestContext, attempts: number) {
    super(
      `Coupa kept answering ${statusLine(context.status ?? 429)} for ` +
        `${requestLine(context)} (${attempts} attempts). Another ` +
        "integration may be using the tenant's limit: lower " +
        "requestsPerSecond or run the extraction at a quieter time.",
      context,
    );
  }
}
