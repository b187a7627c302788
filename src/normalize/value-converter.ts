import { isoInstant } from "./iso-instant.js";
import type { ColumnType } from "./row-batch.js";

/** Turns a payload value into the value a column of one type stores. */
export type ValueConverter = (raw: unknown) => unknown;

const INTEGER_TEXT = /^[+-]?\d+$/;
const DECIMAL_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)$/;
const DATE_PREFIX = /^(\d{4})-(\d{2})-(\d{2})/;

/**
 * The converter for a column type, following the `TableRows.rows`
 * contract: text for VARCHAR, DECIMAL (exact, never through a float) and
 * JSON; number (bigint beyond 2^53) for BIGINT; number for DOUBLE; boolean;
 * Date for TIMESTAMPTZ (the offset parsed; none means UTC) and DATE (UTC
 * midnight of the date as written). A value that does not fit becomes
 * null rather than failing the page.
 *
 * @example
 * valueConverter({ kind: "decimal", precision: 30, scale: 4 })("567.07");
 * // "567.07"
 */
export function valueConverter(type: ColumnType): ValueConverter {
  switch (type.kind) {
    case "varchar":
      return toText;
    case "json":
      return toJson;
    case "bigint":
      return toBigint;
    case "double":
      return toDouble;
    case "decimal":
      return toDecimal;
    case "boolean":
      return toBoolean;
    case "timestamptz":
      return toInstant;
    case "date":
      return toDate;
  }
}

function toText(raw: unknown): unknown {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === "string") return raw;
  if (typeof raw === "object") return JSON.stringify(raw);
  return String(raw);
}

function toJson(raw: unknown): unknown {
  if (raw === null || raw === undefined) return null;
  return JSON.stringify(raw);
}

function toBigint(raw: unknown): unknown {
  if (typeof raw === "number") return Number.isInteger(raw) ? raw : null;
  if (typeof raw === "bigint") return raw;
  if (typeof raw !== "string" || !INTEGER_TEXT.test(raw)) return null;
  const value = Number(raw);
  return Number.isSafeInteger(value) ? value : BigInt(raw);
}

function toDouble(raw: unknown): unknown {
  if (typeof raw === "number") return raw;
  if (typeof raw !== "string" || raw.trim() === "") return null;
  const value = Number(raw);
  return Number.isNaN(value) ? null : value;
}

function toDecimal(raw: unknown): unknown {
  if (typeof raw === "string") return DECIMAL_TEXT.test(raw) ? raw : null;
  if (typeof raw === "number" && Number.isFinite(raw)) {
    const text = String(raw);
    // 1e21 and 1e-7 print in exponent form; fixed notation keeps them exact
    // to the digits the float had.
    return text.includes("e") ? raw.toFixed(20).replace(/0+$/, "") : text;
  }
  if (typeof raw === "bigint") return raw.toString();
  return null;
}

function toBoolean(raw: unknown): unknown {
  if (typeof raw === "boolean") return raw;
  if (raw === "true" || raw === 1 || raw === "1") return true;
  if (raw === "false" || raw === 0 || raw === "0") return false;
  return null;
}

function toInstant(raw: unknown): unknown {
  if (raw instanceof Date) return raw;
  if (typeof raw !== "string" || raw.length < 10) return null;
  const fast = isoInstant(raw);
  if (fast !== undefined) return new Date(fast);
  // Without a zone Date.parse would read a datetime as local time.
  const text = raw.length > 10 && !hasZone(raw) ? `${raw}Z` : raw;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : new Date(ms);
}

/** Ends in `Z`, `±hh:mm`, `±hhmm` or `±hh`; checked by hand, it is hot. */
function hasZone(text: string): boolean {
  const n = text.length;
  const last = text.charCodeAt(n - 1);
  if (last === 90 || last === 122) return true;
  for (const back of [6, 5, 3]) {
    const sign = text.charCodeAt(n - back);
    if ((sign === 43 || sign === 45) && text.charCodeAt(n - back - 3) !== 45) {
      return n - back > 10;
    }
  }
  return false;
}

function toDate(raw: unknown): unknown {
  if (raw instanceof Date) return raw;
  if (typeof raw !== "string") return null;
  const match = DATE_PREFIX.exec(raw);
  if (!match) return null;
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return Number.isNaN(ms) ? null : new Date(ms);
}
