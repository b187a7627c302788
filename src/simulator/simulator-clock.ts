import { setTimeout as wait } from "node:timers/promises";

/**
 * The simulated tenant's sense of time. Passed in so tests can expire
 * tokens or drain the rate limiter without waiting on the wall clock.
 */
export interface SimulatorClock {
  /** Current instant in epoch milliseconds. */
  now(): number;
  /** Resolves after `ms` milliseconds (latency and slow faults). */
  sleep(ms: number): Promise<void>;
}

/** The real clock: `Date.now()` and Node timers. */
export const systemClock: SimulatorClock = {
  now: () => Date.now(),
  sleep: async (ms) => {
    if (ms > 0) await wait(ms);
  },
};
