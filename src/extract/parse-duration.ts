const UNIT_MS: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/**
 * Milliseconds of a duration written as `"15m"`, `"2h"`, `"1d"`, `"30s"`,
 * `"500ms"` or a number of milliseconds. Returns undefined for anything
 * else, so config validation can report the value with what is allowed.
 *
 * @example
 * parseDuration("2h"); // 7_200_000
 */
export function parseDuration(value: unknown): number | undefined {
  if (typeof value === "number") {
    return Number.isFinite(value) && value >= 0 ? value : undefined;
  }
  if (typeof value !== "string") return undefined;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$/.exec(value);
  if (!match) return undefined;
  const unit = UNIT_MS[match[2] ?? "ms"] ?? 1;
  return Math.round(Number(match[1]) * unit);
}
