/**
 * A database value made safe for JSON: bigints as numbers when exact
 * (else strings), dates as ISO strings, bytes as base64, DuckDB value
 * objects (decimals, timestamps) as their text form.
 *
 * @example
 * toJsonValue({ id: 5n, at: new Date(0) }); // { id: 5, at: "1970-01-01T00:00:00.000Z" }
 */
export function toJsonValue(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === "bigint") {
    const safe =
      value <= BigInt(Number.MAX_SAFE_INTEGER) &&
      value >= BigInt(Number.MIN_SAFE_INTEGER);
    return safe ? Number(value) : value.toString();
  }
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString("base64");
  if (Array.isArray(value)) return value.map(toJsonValue);
  if (typeof value === "object") return objectValue(value);
  return value;
}

function objectValue(value: object): unknown {
  const prototype = Object.getPrototypeOf(value);
  if (prototype === Object.prototype || prototype === null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, toJsonValue(item)]),
    );
  }
  return String(value);
}
