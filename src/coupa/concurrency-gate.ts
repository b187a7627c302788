/**
 * At most `limit` holders at a time, first come first served. Keeps the
 * number of requests in flight to Coupa bounded, so a slow tenant does not
 * collect hundreds of open sockets.
 */
export class ConcurrencyGate {
  #active = 0;
  readonly #waiting: Array<() => void> = [];

  /** @param limit Holders allowed at once, at least 1. */
  constructor(readonly limit: number) {}

  /** Requests in flight now. */
  get active(): number {
    return this.#active;
  }

  /**
   * Waits for a free place; resolves with the function that gives it back.
   * Rejects with the signal's reason if it fires while waiting.
   */
  async enter(signal?: AbortSignal): Promise<() => void> {
    if (this.#active >= this.limit) await this.#wait(signal);
    this.#active += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#active -= 1;
      this.#waiting.shift()?.();
    };
  }

  #wait(signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    return new Promise<void>((resolve, reject) => {
      const wake = () => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      };
      const onAbort = () => {
        const index = this.#waiting.indexOf(wake);
        if (index >= 0) this.#waiting.splice(index, 1);
        reject(signal?.reason);
      };
      this.#waiting.push(wake);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }
}
