interface QueuedTask {
  readonly priority: number;
  readonly start: () => void;
}

/**
 * Runs async tasks with at most `size` at a time, larger `priority` first.
 * All tables of a run share one pool sized from the connection's
 * `maxParallelRequests`, so the Coupa rate limiter always has requests
 * waiting while work remains, whichever table they belong to.
 *
 * @example
 * const pool = new WorkPool(16);
 * await Promise.all(partitions.map((p) => pool.run(() => read(p))));
 */
export class WorkPool {
  readonly #size: number;
  readonly #queue: QueuedTask[] = [];
  #running = 0;

  constructor(size: number) {
    this.#size = Math.max(1, Math.floor(size));
  }

  /** Runs `task` when a worker is free; settles with its outcome. */
  run<T>(task: () => Promise<T>, priority = 0): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const start = () => {
        this.#running++;
        task()
          .then(resolve, reject)
          .finally(() => {
            this.#running--;
            this.#next();
          });
      };
      this.#enqueue({ priority, start });
      this.#next();
    });
  }

  /** Tasks running now. */
  get active(): number {
    return this.#running;
  }

  #enqueue(task: QueuedTask): void {
    const index = this.#queue.findIndex((t) => t.priority < task.priority);
    if (index === -1) this.#queue.push(task);
    else this.#queue.splice(index, 0, task);
  }

  #next(): void {
    while (this.#running < this.#size && this.#queue.length > 0) {
      this.#queue.shift()?.start();
    }
  }
}
