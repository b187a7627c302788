/**
 * A bounded hand-over of pages from the request loop of a partition to its
 * commit loop. The request loop waits while the buffer is full; the commit
 * loop takes everything buffered at once, so pages that arrive while a
 * commit is running go into the next commit together.
 */
export class PageBuffer<T> {
  readonly #capacity: number;
  #items: T[] = [];
  #closed = false;
  #wakeTaker: (() => void) | undefined;
  #wakeGiver: (() => void) | undefined;

  /** @param capacity most items held before `put` waits */
  constructor(capacity: number) {
    this.#capacity = Math.max(1, capacity);
  }

  /** Adds an item, waiting while the buffer is full. */
  async put(item: T): Promise<void> {
    while (this.#items.length >= this.#capacity && !this.#closed) {
      await new Promise<void>((resolve) => {
        this.#wakeGiver = resolve;
      });
    }
    this.#items.push(item);
    this.#wake();
  }

  /** Every item buffered, waiting for one; empty once closed and drained. */
  async takeAll(): Promise<T[]> {
    while (this.#items.length === 0 && !this.#closed) {
      await new Promise<void>((resolve) => {
        this.#wakeTaker = resolve;
      });
    }
    const items = this.#items;
    this.#items = [];
    const giver = this.#wakeGiver;
    this.#wakeGiver = undefined;
    giver?.();
    return items;
  }

  /** No more items will come; wakes both sides. */
  close(): void {
    this.#closed = true;
    this.#wake();
    const giver = this.#wakeGiver;
    this.#wakeGiver = undefined;
    giver?.();
  }

  /** True once `close` was called. */
  get closed(): boolean {
    return this.#closed;
  }

  #wake(): void {
    const taker = this.#wakeTaker;
    this.#wakeTaker = undefined;
    taker?.();
  }
}
