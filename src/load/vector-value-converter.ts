import {
  DuckDBDateValue,
  DuckDBDecimalValue,
  DuckDBTimestampTZValue,
} from "@duckdb/node-api";
import type { ColumnType } from "../normalize/row-batch.js";

/**
 * Turns a row value into what a DuckDB vector of one column type takes.
 * Returns `INVALID` when the value does not fit; the caller names the
 * table and column in its error.
 */
export type VectorValueConverter = (value: unknown) => unknown;

/** Returned by a converter for a value that does not fit the column. */
export const INVALID: unique symbol = Symbol("invalid value");

const MS_PER_DAY = 86_400_000;
const INTEGER_TEXT = /^[+-]?\d+$/;
const DECIMAL_TEXT = /^([+-]?)(\d*)(?:\.(\d*))?$/;

/**
 * The converter for a pool column. Decimals go from their exact text to
 * the scaled integer DuckDB stores, rounding half away from zero past the
 * column's scale and refusing more integer digits than it holds.
 *
 * @example
 * vectorValueConverter({ kind: "bigint" })(42); // 42n
 */
export function vectorValueConverter(type: ColumnType): VectorValueConverter {
  switch (type.kind) {
    case "varchar":
    case "json":
      return toText;
    case "bigint":
      return toBigint;
    case "double":
      return toDouble;
    case "boolean":
      return toBoolean;
    case "timestamptz":
      return toTimestamp;
    case "date":
      return toDate;
    case "decimal":
      return decimalConverter(type.precision, type.scale);
  }
}

function toText(value: unknown): unknown {
  if (typeof value === "string") return value;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

function toBigint(value: unknown): unknown {
  if (typeof value === "number") {
    return Number.isInteger(value) ? BigInt(value) : INVALID;
  }
  if (typeof value === "bigint") return value;
  if (typeof value === "string" && INTEGER_TEXT.test(value)) {
    return BigInt(value);
  }
  return INVALID;
}

function toDouble(value: unknown): unknown {
  if (typeof value === "number") return value;
  if (typeof value === "bigint") return Number(value);
  if (typeof value === "string" && value.trim() !== "") {
    const number = Number(value);
    return Number.isNaN(number) ? INVALID : number;
  }
  return INVALID;
}

function toBoolean(value: unknown): unknown {
  return typeof value === "boolean" ? value : INVALID;
}

function toTimestamp(value: unknown): unknown {
  const ms = instant(value);
  if (ms === undefined) return INVALID;
  return new DuckDBTimestampTZValue(BigInt(ms) * 1000n);
}

function toDate(value: unknown): unknown {
  const ms = instant(value);
  if (ms === undefined) return INVALID;
  return new DuckDBDateValue(Math.floor(ms / MS_PER_DAY));
}

function instant(value: unknown): number | undefined {
  const ms =
    value instanceof Date
      ? value.getTime()
      : typeof value === "string"
        ? Date.parse(value)
        : Number.NaN;
  return Number.isNaN(ms) ? undefined : ms;
}

function decimalConverter(
  precision: number,
  scale: number,
): VectorValueConverter {
  const limit = 10n ** BigInt(precision);
  return (value) => {
    const text =
      typeof value === "string"
        ? value
        : typeof value === "number" || typeof value === "bigint"
          ? String(value)
          : undefined;
    const scaled = text === undefined ? undefined : scaledDecimal(text, scale);
    if (scaled === undefined || scaled >= limit || -scaled >= limit) {
      return INVALID;
    }
    return new DuckDBDecimalValue(scaled, precision, scale);
  };
}

/** The decimal text times 10^scale as an exact integer. */
export function scaledDecimal(text: string, scale: number): bigint | undefined {
  const match = DECIMAL_TEXT.exec(text);
  if (!match) return undefined;
  const [, sign, whole = "", fraction = ""] = match;
  if (whole === "" && fraction === "") return undefined;
  const kept = fraction.slice(0, scale).padEnd(scale, "0");
  let scaled = BigInt(`${whole || "0"}${kept}`);
  if (fraction.length > scale && (fraction.charCodeAt(scale) ?? 0) >= 53) {
    scaled += 1n;
  }
  return sign === "-" ? -scaled : scaled;
}
