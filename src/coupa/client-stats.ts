/** What a client (or one table's share of it) has done so far. */
export interface ClientStats {
  /** HTTP requests sent, retries and token requests included. */
  requests: number;
  /** Response body bytes received, after decompression. */
  bytes: number;
  /** Attempts repeated after a transient failure or a 401. */
  retries: number;
  /** Answers with status 429 Too Many Requests. */
  throttled: number;
  /** Calls that failed for good (after retries). */
  errors: number;
  /** Time from sending to a complete answer, over recent requests. */
  latencyMs: { p50: number; p95: number; p99: number };
}

// Enough samples for stable percentiles; older ones are overwritten so a
// long run keeps constant memory.
const SAMPLE_CAPACITY = 4096;

/**
 * Counts requests for `ClientStats`. A client keeps one for its lifetime;
 * callers may pass their own per call (one per table) to get a share.
 */
export class StatsRecorder {
  requests = 0;
  bytes = 0;
  retries = 0;
  throttled = 0;
  errors = 0;
  readonly #samples: number[] = [];
  #next = 0;

  /** Records one answered request. */
  response(status: number, bytes: number, latencyMs: number): void {
    this.requests += 1;
    this.bytes += bytes;
    if (status === 429) this.throttled += 1;
    this.#sample(latencyMs);
  }

  /** Records a request that got no answer. */
  failure(latencyMs: number): void {
    this.requests += 1;
    this.#sample(latencyMs);
  }

  /** The counts so far, percentiles computed now. */
  snapshot(): ClientStats {
    const sorted = [...this.#samples].sort((a, b) => a - b);
    return {
      requests: this.requests,
      bytes: this.bytes,
      retries: this.retries,
      throttled: this.throttled,
      errors: this.errors,
      latencyMs: {
        p50: percentile(sorted, 0.5),
        p95: percentile(sorted, 0.95),
        p99: percentile(sorted, 0.99),
      },
    };
  }

  #sample(latencyMs: number): void {
    if (this.#samples.length < SAMPLE_CAPACITY) {
      this.#samples.push(latencyMs);
    } else {
      this.#samples[this.#next] = latencyMs;
      this.#next = (this.#next + 1) % SAMPLE_CAPACITY;
    }
  }
}

function percentile(sorted: readonly number[], share: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(
    sorted.length - 1,
    Math.ceil(share * sorted.length) - 1,
  );
  return sorted[Math.max(0, index)] as number;
}
