import { type Clock, systemClock } from "./clock.js";

/** Options of a `RateLimiter`. */
export interface RateLimiterOptions {
  /** Sustained rate, e.g. Coupa's 25. */
  readonly requestsPerSecond: number;
  /** Requests Coupa admits at once, e.g. its 20. */
  readonly burst: number;
  /**
   * Places of Coupa's bucket never used, so requests that reach Coupa
   * closer together than they left still fit. Default 10: when Coupa (or
   * the network) holds requests back for a moment and then takes them all
   * at once, its bucket sees our burst plus everything sent meanwhile;
   * 10 places absorb a hold-up of 400 ms at 25/s. Only the first burst of
   * a run is smaller for it; the sustained rate is unchanged.
   */
  readonly headroom?: number;
  /**
   * Share of `requestsPerSecond` kept up in steady state. Default 1: the
   * headroom, not the pace, is what absorbs bunched-up arrivals. Sending
   * at Coupa's own rate keeps its bucket as full as our first burst left
   * it, `headroom` places below the brim, however long the run; a hold-up
   * fills those places only until the held requests have drained. A lower
   * pace guards against a Coupa that drains slower than it says, at that
   * share of every run's speed; without it such a Coupa answers 429 once
   * and the rate backs off (see `decreaseFactor`).
   */
  readonly pace?: number;
  /** Floor of the rate after repeated throttling. Default 1. */
  readonly minRequestsPerSecond?: number;
  /**
   * Share of the rate kept after a throttle. Default 0.75: a 429 from a
   * leaky bucket means "a little too early", not "far too fast".
   */
  readonly decreaseFactor?: number;
  /**
   * Requests per second regained per second after a throttle, until the
   * configured rate. Default a fifth of `requestsPerSecond`.
   */
  readonly recoveryPerSecond?: number;
  /** Default the system clock. */
  readonly clock?: Clock;
}

/** How the limiter stands, for logs and tests. */
export interface RateLimiterState {
  /** Current rate in requests per second (lower after throttling). */
  readonly requestsPerSecond: number;
  /** Callers waiting for a slot. */
  readonly waiting: number;
  /** Times the rate was lowered. */
  readonly decreases: number;
}

interface Waiter {
  resolve(): void;
  reject(reason: unknown): void;
  signal: AbortSignal | undefined;
}

/**
 * Paces requests to one Coupa host: a token bucket of `burst` (less
 * `headroom`) refilled at `requestsPerSecond`, the mirror image of Coupa's
 * leaky bucket: at most `burst` at once, then evenly spaced. Throttling
 * answers lower the rate multiplicatively; it then climbs back linearly
 * (AIMD).
 *
 * One per Coupa host per process (see `RateLimiterRegistry`): Coupa's
 * limit is per tenant, so every table, job and run must share it.
 *
 * @example
 * const limiter = new RateLimiter({ requestsPerSecond: 25, burst: 20 });
 * await limiter.acquire(signal);
 * // send the request; on 429: limiter.throttled(retryAfterMs)
 */
export class RateLimiter {
  readonly #configured: number;
  readonly #burst: number;
  readonly #minRate: number;
  readonly #decreaseFactor: number;
  readonly #recoveryPerSecond: number;
  readonly #clock: Clock;
  readonly #queue: Waiter[] = [];
  #rate: number;
  /** Requests that may leave now; refilled continuously. */
  #tokens: number;
  #refilledAt: number;
  #pausedUntil = 0;
  #adjustedAt: number;
  #decreasedAt = Number.NEGATIVE_INFINITY;
  #decreases = 0;
  #sleeping = false;

  constructor(options: RateLimiterOptions) {
    this.#configured = options.requestsPerSecond * (options.pace ?? 1);
    this.#burst = Math.max(1, options.burst - (options.headroom ?? 10));
    this.#minRate = options.minRequestsPerSecond ?? 1;
    this.#decreaseFactor = options.decreaseFactor ?? 0.75;
    this.#recoveryPerSecond =
      options.recoveryPerSecond ?? options.requestsPerSecond / 5;
    this.#clock = options.clock ?? systemClock;
    this.#rate = this.#configured;
    this.#tokens = this.#burst;
    this.#refilledAt = this.#clock.now();
    this.#adjustedAt = this.#refilledAt;
  }

  /** Current rate, queue length and throttle count. */
  state(): RateLimiterState {
    this.#refill(this.#clock.now());
    return {
      requestsPerSecond: this.#rate,
      waiting: this.#queue.length,
      decreases: this.#decreases,
    };
  }

  /**
   * Resolves when the caller may send one request, in arrival order.
   * Rejects with the signal's reason if it fires while waiting.
   */
  acquire(signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    return new Promise<void>((resolve, reject) => {
      // The listener goes when the turn comes: a run's one signal sees
      // every request, and listeners left on it would pile up.
      const onAbort = () => this.#cancel(waiter);
      const waiter: Waiter = {
        resolve: () => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        },
        reject,
        signal,
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.#queue.push(waiter);
      this.#pump();
    });
  }

  /**
   * Coupa throttled (429) or was overloaded (503): lower the rate, treat
   * its bucket as full, and pause for `retryAfterMs` when it said so.
   * Throttles within one second count once: requests already in flight
   * report the same full bucket.
   */
  throttled(retryAfterMs?: number): void {
    const now = this.#clock.now();
    this.#refill(now);
    if (now - this.#decreasedAt >= 1000) {
      this.#rate = Math.max(this.#minRate, this.#rate * this.#decreaseFactor);
      this.#decreasedAt = now;
      this.#decreases += 1;
    }
    if (retryAfterMs !== undefined) {
      this.#pausedUntil = Math.max(this.#pausedUntil, now + retryAfterMs);
    }
    // Coupa's bucket is full: ours starts empty, so no burst follows.
    this.#tokens = Math.min(this.#tokens, 0);
  }

  #pump(): void {
    if (this.#sleeping) return;
    while (this.#queue.length > 0) {
      const now = this.#clock.now();
      this.#refill(now);
      const wait = Math.max(
        this.#pausedUntil - now,
        ((1 - this.#tokens) * 1000) / this.#rate,
      );
      if (wait > 0) {
        this.#sleepUntil(wait);
        return;
      }
      this.#tokens -= 1;
      this.#queue.shift()?.resolve();
    }
  }

  #refill(now: number): void {
    this.#recover(now);
    // A pause (Retry-After) does not earn a burst at its end: Coupa said
    // when to come back, not how much it will take then.
    const from = Math.max(this.#refilledAt, this.#pausedUntil);
    const elapsed = Math.max(0, now - from) / 1000;
    this.#refilledAt = now;
    this.#tokens = Math.min(this.#burst, this.#tokens + elapsed * this.#rate);
  }

  #sleepUntil(ms: number): void {
    this.#sleeping = true;
    void this.#clock.sleep(Math.ceil(ms)).then(() => {
      this.#sleeping = false;
      this.#pump();
    });
  }

  #recover(now: number): void {
    const elapsed = Math.max(0, now - this.#adjustedAt) / 1000;
    this.#adjustedAt = now;
    if (this.#rate >= this.#configured) return;
    this.#rate = Math.min(
      this.#configured,
      this.#rate + this.#recoveryPerSecond * elapsed,
    );
  }

  #cancel(waiter: Waiter): void {
    const index = this.#queue.indexOf(waiter);
    if (index < 0) return;
    this.#queue.splice(index, 1);
    waiter.reject(waiter.signal?.reason);
  }
}
