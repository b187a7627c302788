/**
 * Credit-based flow control for response bytes: the agent may have at
 * most `size` bytes sent and not yet acknowledged by the service. The
 * service grants bytes back as it takes them in; until then the agent
 * waits instead of buffering into a socket that is not being read.
 */
export class ByteWindow {
  readonly #waiters: { bytes: number; resolve: () => void }[] = [];
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

  /** Waits until `bytes` may be sent, then counts them as sent. */
  async take(bytes: number): Promise<void> {
    if (this.#closed) return;
    if (this.#waiters.length === 0 && this.#available >= bytes) {
      this.#available -= bytes;
      return;
    }
    await new Promise<void>((resolve) => {
      this.#waiters.push({ bytes, resolve });
    });
  }

  /** Adds bytes granted back by the peer and wakes waiters in order. */
  give(bytes: number): void {
    this.#available += bytes;
    while (this.#waiters.length > 0) {
      const next = this.#waiters[0] as { bytes: number; resolve: () => void };
      if (next.bytes > this.#available) break;
      this.#available -= next.bytes;
      this.#waiters.shift();
      next.resolve();
    }
  }

  /** Releases every waiter: the connection is gone, nothing is sent. */
  close(): void {
    this.#closed = true;
    for (const waiter of this.#waiters.splice(0)) waiter.resolve();
  }
}
