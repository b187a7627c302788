/** Outcome of asking the rate limiter for one request. */
export type RateDecision =
  | { readonly admitted: true }
  | { readonly admitted: false; readonly retryAfterSeconds: number };

/**
 * Coupa's throttle as third parties describe it: a leaky bucket per
 * tenant that drains `rps` requests a second and holds `burst`. A
 * request that would overflow it is refused (429) and not counted.
 */
export class LeakyBucket {
  #level = 0;
  #last: number;
  readonly #now: () => number;

  /** @param now the tenant clock in epoch ms */
  constructor(now: () => number) {
    this.#now = now;
    this.#last = now();
  }

  /** Admits one request if the bucket has room at `rps` and `burst`. */
  take(rps: number, burst: number): RateDecision {
    const now = this.#now();
    const drained = ((now - this.#last) / 1000) * rps;
    this.#level = Math.max(0, this.#level - drained);
    this.#last = now;

    if (this.#level + 1 <= burst) {
      this.#level += 1;
      return { admitted: true };
    }
    const wait = (this.#level + 1 - burst) / rps;
    return { admitted: false, retryAfterSeconds: Math.max(1, Math.ceil(wait)) };
  }

  /** Empties the bucket (switches changed). */
  reset(): void {
    this.#level = 0;
    this.#last = this.#now();
  }
}
