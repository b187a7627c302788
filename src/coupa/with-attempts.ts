import { ConnectionLostError } from "./errors/connection-lost-error.js";
import type { CoupaError, RequestContext } from "./errors/coupa-error.js";
import { RateLimitedError } from "./errors/rate-limited-error.js";
import { TimeoutError } from "./errors/timeout-error.js";

/**
 * The final error after the retry policy gave up, its message counting
 * the attempts for the errors that mention them.
 */
export function withAttempts(error: CoupaError, attempts: number): CoupaError {
  const context: RequestContext = {
    method: error.method,
    url: error.url,
    ...(error.status !== undefined ? { status: error.status } : {}),
    ...(error.bodyExcerpt !== undefined
      ? { bodyExcerpt: error.bodyExcerpt }
      : {}),
  };
  const cause = { cause: error.cause };
  if (error instanceof RateLimitedError) {
    return new RateLimitedError(context, attempts);
  }
  if (error instanceof TimeoutError) {
    return new TimeoutError(context, error.timeoutMs, attempts, cause);
  }
  if (error instanceof ConnectionLostError) {
    return new ConnectionLostError(context, attempts, cause);
  }
  return error;
}
