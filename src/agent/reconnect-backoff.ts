/** Options of a `ReconnectBackoff`. */
export interface ReconnectBackoffOptions {
  /** First delay's ceiling. Default 1 000 ms. */
  readonly initialMs?: number;
  /** Largest delay. Default 60 000 ms. */
  readonly maxMs?: number;
  /** Uniform random source in [0, 1). Default `Math.random`. */
  readonly random?: () => number;
}

/**
 * Delays between an agent's reconnect attempts: doubling up to a ceiling,
 * each drawn between half and all of the current step so that many
 * agents cut off by the same outage do not return in lockstep.
 */
export class ReconnectBackoff {
  readonly #initialMs: number;
  readonly #maxMs: number;
  readonly #random: () => number;
  #attempt = 0;

  constructor(options: ReconnectBackoffOptions = {}) {
    this.#initialMs = options.initialMs ?? 1_000;
    this.#maxMs = options.maxMs ?? 60_000;
    this.#random = options.random ?? Math.random;
  }

  /** The delay before the next attempt, in ms. */
  next(): number {
    const step = Math.min(this.#maxMs, this.#initialMs * 2 ** this.#attempt);
    this.#attempt = Math.min(this.#attempt + 1, 30);
    return Math.round(step / 2 + (this.#random() * step) / 2);
  }

  /** Starts over after a connection that worked. */
  reset(): void {
    this.#attempt = 0;
  }
}
