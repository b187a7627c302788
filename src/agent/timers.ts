/**
 * The clock and timers the agent code uses, passed in so tests can count
 * heartbeats and back-offs without patching globals.
 */
export interface Timers {
  /** Milliseconds since the epoch. */
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

/** The process's own clock and timers; timers never keep it alive. */
export const systemTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms).unref(),
  clearTimeout: (handle) =>
    clearTimeout(handle as ReturnType<typeof setTimeout>),
  setInterval: (callback, ms) => setInterval(callback, ms).unref(),
  clearInterval: (handle) =>
    clearInterval(handle as ReturnType<typeof setInterval>),
};
