import { RateLimiter, type RateLimiterOptions } from "./rate-limiter.js";

/**
 * One `RateLimiter` per Coupa origin. The process-wide instance
 * `sharedRateLimiters` is what clients use by default; tests create their
 * own registry (or limiter) to stay isolated.
 */
export class RateLimiterRegistry {
  readonly #limiters = new Map<string, RateLimiter>();

  /**
   * The limiter of an origin, created with `options` on first use. Later
   * callers share it as it is: the first connection to a host sets its
   * pace, since Coupa's limit belongs to the tenant, not to a config.
   */
  forOrigin(origin: string, options: RateLimiterOptions): RateLimiter {
    const key = origin.toLowerCase();
    let limiter = this.#limiters.get(key);
    if (!limiter) {
      limiter = new RateLimiter(options);
      this.#limiters.set(key, limiter);
    }
    return limiter;
  }

  /** Forgets every limiter (tests, or a server reloading its config). */
  clear(): void {
    this.#limiters.clear();
  }
}

/** The registry every client in this process shares by default. */
export const sharedRateLimiters = new RateLimiterRegistry();
