/**
 * The server's source of the current time. Injected so tests drive the
 * scheduler with a fake clock instead of sleeping.
 *
 * @example
 * const clock: Clock = () => new Date("2026-01-01T00:00:00Z");
 */
export type Clock = () => Date;

/** The wall clock: the default `Clock`. */
export const systemClock: Clock = () => new Date();
