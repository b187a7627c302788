/**
 * A small, fast, seedable pseudo-random generator (mulberry32). Fault
 * choices use it so a test run with the same seed sees the same faults
 * on the same requests.
 */
export class SeededRandom {
  #state: number;

  /** @param seed any integer; the same seed gives the same sequence */
  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  /** Next number in [0, 1). */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
}
