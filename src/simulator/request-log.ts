import type { FaultKind } from "./faults/fault-planner.js";

/** One request as the simulator saw and answered it. */
export interface RequestLogEntry {
  readonly method: string;
  readonly path: string;
  /** Query string as sent, without `?`. */
  readonly rawQuery: string;
  /** Query parameters in order, decoded. */
  readonly query: ReadonlyArray<readonly [string, string]>;
  /** Status sent; null when no answer was sent (reset, hang). */
  readonly status: number | null;
  readonly sourceAddress: string;
  /** When the request arrived (ISO 8601, tenant clock without skew). */
  readonly time: string;
  /** The injected fault, if any. */
  readonly fault: FaultKind | null;
}

/**
 * The last requests to the API and token endpoints, for tests to count
 * and inspect. A ring buffer: the oldest entries drop out beyond
 * `capacity` (default 10,000).
 */
export class RequestLog {
  readonly #entries: RequestLogEntry[] = [];
  #start = 0;

  constructor(readonly capacity = 10_000) {}

  /** Appends one entry, dropping the oldest when full. */
  add(entry: RequestLogEntry): void {
    if (this.#entries.length < this.capacity) {
      this.#entries.push(entry);
      return;
    }
    this.#entries[this.#start] = entry;
    this.#start = (this.#start + 1) % this.capacity;
  }

  /** Entries oldest first. */
  entries(): RequestLogEntry[] {
    return [
      ...this.#entries.slice(this.#start),
      ...this.#entries.slice(0, this.#start),
    ];
  }

  /** Forgets every entry. */
  clear(): void {
    this.#entries.length = 0;
    this.#start = 0;
  }
}
