import { MAX_DECIMAL_PRECISION } from "./column-type-for-field.js";
import type { ColumnType } from "./row-batch.js";

const VARCHAR: ColumnType = { kind: "varchar" };

/** Digits a BIGINT needs left of the decimal point. */
const BIGINT_DIGITS = 19;

/**
 * The narrowest type that holds every value of both types without loss:
 * BIGINT and DECIMAL widen to a DECIMAL with room for both, BIGINT and
 * DOUBLE to DOUBLE, DATE and TIMESTAMPTZ to TIMESTAMPTZ; anything else to
 * VARCHAR, which holds the text of any value.
 *
 * @example
 * widenColumnType({ kind: "bigint" }, { kind: "double" }); // { kind: "double" }
 */
export function widenColumnType(a: ColumnType, b: ColumnType): ColumnType {
  if (sameColumnType(a, b)) return a;
  const pair = new Set([a.kind, b.kind]);
  if (a.kind === "decimal" && b.kind === "decimal") {
    return widerDecimal(a.precision - a.scale, Math.max(a.scale, b.scale), b);
  }
  if (pair.has("bigint") && pair.has("decimal")) {
    const decimal = a.kind === "decimal" ? a : b;
    if (decimal.kind !== "decimal") return VARCHAR;
    return widerDecimal(BIGINT_DIGITS, decimal.scale, decimal);
  }
  if (pair.has("bigint") && pair.has("double")) return { kind: "double" };
  if (pair.has("date") && pair.has("timestamptz")) {
    return { kind: "timestamptz" };
  }
  return VARCHAR;
}

/** True when a column of type `held` can store every value of `incoming`. */
export function holdsColumnType(
  held: ColumnType,
  incoming: ColumnType,
): boolean {
  return sameColumnType(widenColumnType(held, incoming), held);
}

/** Structural equality of two column types. */
export function sameColumnType(a: ColumnType, b: ColumnType): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === "decimal" && b.kind === "decimal") {
    return a.precision === b.precision && a.scale === b.scale;
  }
  return true;
}

function widerDecimal(
  integerDigits: number,
  scale: number,
  other: ColumnType,
): ColumnType {
  const otherDigits =
    other.kind === "decimal" ? other.precision - other.scale : 0;
  const digits = Math.max(integerDigits, otherDigits);
  if (digits + scale > MAX_DECIMAL_PRECISION) return VARCHAR;
  return { kind: "decimal", precision: digits + scale, scale };
}
