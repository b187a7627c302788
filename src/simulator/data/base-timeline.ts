/**
 * Fixed instants that place the generated (base) data in time. They do
 * not depend on the wall clock, so the same seed gives the same bytes on
 * any day; mutations then use the simulated clock and land after them.
 */
export const BASE_TIMELINE = {
  /** Master data (users, suppliers, accounts, ...) is created from here. */
  masterDataFrom: Date.UTC(2023, 0, 2),
  /** ... to here. */
  masterDataTo: Date.UTC(2023, 11, 20),
  /** Purchase orders are created from here, roughly increasing with id. */
  documentsFrom: Date.UTC(2024, 0, 1),
  /** ... to here; invoices and receipts follow within weeks. */
  documentsTo: Date.UTC(2026, 3, 30),
  /**
   * Every base `updated-at` is strictly before this instant: a scan whose
   * window starts here or later only needs the stored changes.
   */
  updatedBefore: Date.UTC(2026, 6, 1),
} as const;

/** One day in milliseconds. */
export const DAY_MS = 86_400_000;

/** Clamps a base timestamp into the base period, at second precision. */
export function clampBaseTime(ms: number): number {
  const last = BASE_TIMELINE.updatedBefore - 1000;
  return Math.floor(Math.min(ms, last) / 1000) * 1000;
}
