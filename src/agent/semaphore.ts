/**
 * A counter of free slots with a FIFO queue of waiters: bounds how many
 * requests are in flight over an agent's connection and upstream.
 */
export class Semaphore {
  readonly #size: number;
  readonly #waiters: (() => void)[] = [];
  #used = 0;

  /** @param size Slots available at once; at least 1. */
  constructor(size: number) {
    this.#size = Math.max(1, Math.floor(size));
  }

  /** Slots taken right now. */
  get used(): number {
    return this.#used;
  }

  /** Callers waiting for a slot. */
  get waiting(): number {
    return this.#waiters.length;
  }

  /**
   * Waits for a slot and returns the function that gives it back (call
   * it exactly once). Rejects with the signal's reason if it fires first.
   */
  async acquire(signal?: AbortSignal): Promise<() => void> {
    signal?.throwIfAborted();
    if (this.#used < this.#size) {
      this.#used += 1;
      return this.#releaser();
    }
    await this.#wait(signal);
    return this.#releaser();
  }

  #wait(signal: AbortSignal | undefined): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        const index = this.#waiters.indexOf(grant);
        if (index >= 0) this.#waiters.splice(index, 1);
        reject(signal?.reason);
      };
      // The slot is handed over without touching the counter, so a
      // waiter cannot be overtaken by a caller arriving later.
      const grant = () => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      };
      this.#waiters.push(grant);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  #releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#waiters.shift();
      if (next) next();
      else this.#used -= 1;
    };
  }
}
