/**
 * How many pages a run holds in memory at once, from the request that
 * fetches a page until the commit that writes it, across all tables and
 * partitions. A shared budget rather than a fixed read-ahead per partition
 * lets reading run on through a slow commit when few partitions are busy,
 * and keeps memory bounded however many workers there are.
 */
export class PageBudget {
  #free: number;
  readonly #waiters: (() => void)[] = [];

  /** @param pages pages held at most at once */
  constructor(pages: number) {
    this.#free = Math.max(1, Math.floor(pages));
  }

  /** Takes one page of the budget, waiting until one is free. */
  async acquire(signal?: AbortSignal): Promise<void> {
    while (this.#free === 0) {
      signal?.throwIfAborted();
      await new Promise<void>((resolve) => {
        const wake = () => {
          signal?.removeEventListener("abort", wake);
          resolve();
        };
        this.#waiters.push(wake);
        signal?.addEventListener("abort", wake, { once: true });
      });
    }
    signal?.throwIfAborted();
    this.#free--;
  }

  /** Gives `pages` back once they are committed or dropped. */
  release(pages: number): void {
    this.#free += pages;
    for (let i = 0; i < pages && this.#waiters.length > 0; i++) {
      this.#waiters.shift()?.();
    }
  }
}
