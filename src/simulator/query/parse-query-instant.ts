const INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Reads a date or datetime from a query value as epoch ms. ISO 8601 with
 * an offset or `Z`; a bare date is midnight UTC, as Coupa documents; a
 * datetime without offset is read as UTC. Undefined when malformed
 * (including an unencoded `+` that arrived as a space).
 */
export function parseQueryInstant(value: string): number | undefined {
  const match = INSTANT.exec(value);
  if (!match) return undefined;
  const [, y, mo, d, h = "00", mi = "00", s = "00", frac = "", zone] = match;
  const offset = zone === undefined || zone === "Z" ? "Z" : colon(zone);
  const iso = `${y}-${mo}-${d}T${h}:${mi}:${s}${frac}${offset}`;
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return undefined;
  return sameCalendarDay(ms, y, mo, d, offset) ? ms : undefined;
}

function colon(zone: string): string {
  return zone.includes(":") ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
}

function sameCalendarDay(
  ms: number,
  y: string | undefined,
  mo: string | undefined,
  d: string | undefined,
  offset: string,
): boolean {
  const shift =
    offset === "Z"
      ? 0
      : (offset.startsWith("-") ? -1 : 1) *
        (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
  const local = new Date(ms + shift * 60_000);
  return (
    local.getUTCFullYear() === Number(y) &&
    local.getUTCMonth() + 1 === Number(mo) &&
    local.getUTCDate() === Number(d)
  );
}
