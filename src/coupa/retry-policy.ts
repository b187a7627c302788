import type { TransportFailureKind } from "./transport.js";

/**
 * When and how the client tries a request again. Plain data, so a caller
 * can read what will happen and tests can shrink the delays.
 */
export interface RetryPolicy {
  /** Statuses that mean "not now" rather than "never". */
  readonly statuses: readonly number[];
  /** Transport failures worth another attempt. */
  readonly kinds: readonly TransportFailureKind[];
  /** Whether a 2xx whose body is not the JSON expected is retried. */
  readonly malformedBody: boolean;
  /** Attempts in total, the first one included. */
  readonly maxAttempts: number;
  /** Ceiling of the first back-off; doubles per attempt. */
  readonly baseDelayMs: number;
  /** Ceiling of any single back-off. */
  readonly maxDelayMs: number;
  /** No new attempt starts after this long since the first one. */
  readonly budgetMs: number;
}

/**
 * The client's default policy.
 *
 * - 429: Coupa's leaky bucket was full; it drains within a second or two.
 * - 502/503/504: a load balancer or app server was briefly unavailable;
 *   503 is also what an overloaded tenant answers instead of 429.
 * - 500 is not retried: Coupa answers it for requests it cannot handle
 *   (a bad filter on some resources), which repeat identically.
 * - reset/timeout/connect: the network or a node restarted mid-request;
 *   every request the client sends is a GET or a token request, so a
 *   repeat cannot do anything twice.
 * - dns and tls failures are configuration problems and fail fast.
 * - a truncated or malformed JSON body is a broken transfer, like a reset.
 * - 8 attempts with full jitter from 0.5 s doubling up to 30 s cover
 *   about two minutes of trouble, inside a 5-minute budget, so one bad
 *   minute of Coupa does not fail a long extraction.
 */
export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({
  statuses: Object.freeze([429, 502, 503, 504]),
  kinds: Object.freeze(["reset", "timeout", "connect"] as const),
  malformedBody: true,
  maxAttempts: 8,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  budgetMs: 300_000,
});

/**
 * Delay before attempt `attempt + 1` (attempt counts from 1): full jitter,
 * a random share of an exponentially growing ceiling, so many clients
 * throttled together do not come back together. A `Retry-After` from
 * Coupa is a floor.
 *
 * @example
 * retryDelay(DEFAULT_RETRY_POLICY, 1, Math.random); // 0..500 ms
 */
export function retryDelay(
  policy: RetryPolicy,
  attempt: number,
  random: () => number,
  retryAfterMs?: number,
): number {
  const ceiling = Math.min(
    policy.maxDelayMs,
    policy.baseDelayMs * 2 ** (attempt - 1),
  );
  const jittered = Math.floor(random() * ceiling);
  return Math.max(jittered, retryAfterMs ?? 0);
}

/** Whether another attempt fits the policy's count and time budget. */
export function canRetry(
  policy: RetryPolicy,
  attempt: number,
  elapsedMs: number,
  delayMs: number,
): boolean {
  return attempt < policy.maxAttempts && elapsedMs + delayMs <= policy.budgetMs;
}

/**
 * Milliseconds from a `Retry-After` header (seconds or an HTTP date), or
 * undefined when absent or unreadable.
 */
export function parseRetryAfter(
  value: string | undefined,
  now: number,
): number | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
