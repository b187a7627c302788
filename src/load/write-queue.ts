/**
 * Runs async tasks one at a time in call order. The pool's writes share
 * one DuckDB connection, and a connection runs one statement at a time.
 */
export class WriteQueue {
  #tail: Promise<unknown> = Promise.resolve();
  #pending = 0;

  /** Runs `task` after every task queued before it; returns its result. */
  run<T>(task: () => Promise<T>): Promise<T> {
    this.#pending++;
    const result = this.#tail.then(task, task);
    this.#tail = result.then(
      () => this.#pending--,
      () => this.#pending--,
    );
    return result;
  }

  /** Tasks queued or running. */
  get size(): number {
    return this.#pending;
  }

  /** Resolves when every task queued so far has settled. */
  async drain(): Promise<void> {
    await this.#tail;
  }
}
