const TWO_DIGITS = Array.from({ length: 100 }, (_, i) =>
  i.toString().padStart(2, "0"),
);

/**
 * Coupa's JSON decimal for an amount held in integer cents, always with
 * two decimals (`56707` → `"567.07"`). Amounts are summed as integers so
 * header totals equal their lines exactly.
 */
export function centsToDecimal(cents: number): string {
  const abs = cents < 0 ? -cents : cents;
  const whole = Math.floor(abs / 100);
  const text = `${whole}.${TWO_DIGITS[abs - whole * 100]}`;
  return cents < 0 ? `-${text}` : text;
}

/** A decimal string with a fixed number of places from a plain number. */
export function fixedDecimal(value: number, scale: number): string {
  return value.toFixed(scale);
}

/** Two-digit text of 0..99, shared by the date formatter. */
export function twoDigits(value: number): string {
  return TWO_DIGITS[value] as string;
}
