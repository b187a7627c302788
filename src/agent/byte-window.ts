/**
 * Credit-based flow control for response bytes: the agent may have at
 * most `size` bytes sent and not yet acknowledged by the service. The
 * service grants bytes back as it takes them in; until then the agent
 * waits instead of buffering into a socket that is not being read.
 */
export class ByteWindow {
  readonly #waiters: (() => void)[] = [];
  #available: number;
  #closed = false;

  /** @param size Bytes granted at the start (the service's window). */
  constructor(size: number) {
    this.#available = size;
  }

  /** Bytes that may be sent now. */
  get available(): number {
    return this.#available;
  }

  /**
   * Waits until some bytes may be sent, then takes up to `max` of them
   * and returns how many. Taking less than asked (rather than waiting
   * for all of it) means the window can never stall: the peer grants
   * bytes back once enough of the window is used.
   */
  async take(max: number): Promise<number> {
    if (this.#waiters.length > 0 || this.#available <= 0) {
      await new Promise<void>((resolve) => this.#waiters.push(resolve));
    }
    // A caller arriving while this one was being woken may have taken
    // the bytes first; then wait again, keeping the place in line.
    while (!this.#closed && this.#available <= 0) {
      await new Promise<void>((resolve) => this.#waiters.unshift(resolve));
    }
    if (this.#closed) return max;
    const taken = Math.min(max, this.#available);
    this.#available -= taken;
    if (this.#available > 0) this.#waiters.shift()?.();
    return taken;
  }

  /** Adds bytes granted back by the peer and wakes the next waiter. */
  give(bytes: number): void {
    this.#available += bytes;
    this.#waiters.shift()?.();
  }

  /** Releases every waiter: the connection is gone, nothing is sent. */
  close(): void {
    this.#closed = true;
    for (const resolve of this.#waiters.splice(0)) resolve();
  }
}
