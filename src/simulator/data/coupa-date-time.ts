import { twoDigits } from "./decimal-text.js";

const DAY_MS = 86_400_000;
const CACHE_FIRST_DAY = Date.UTC(2020, 0, 1) / DAY_MS;
const CACHE_DAYS = 366 * 20;
const dayText: (string | undefined)[] = new Array(CACHE_DAYS);
const dayMonth = new Int8Array(CACHE_DAYS);

/**
 * A tenant time zone by its UTC offsets in minutes. Summer time is
 * approximated as April to October, enough to mix offsets the way
 * Coupa's payloads do.
 */
export interface CoupaZone {
  readonly standard: number;
  readonly summer: number;
}

/** Zones records are shown in; each record keeps one of them. */
export const COUPA_ZONES: readonly CoupaZone[] = [
  { standard: -480, summer: -420 },
  { standard: -480, summer: -420 },
  { standard: -300, summer: -240 },
  { standard: 60, summer: 120 },
  { standard: 0, summer: 0 },
];

/**
 * ISO 8601 with a numeric offset and second precision, as Coupa writes
 * datetimes: `2025-03-04T09:12:44-08:00`.
 */
export function formatCoupaDateTime(ms: number, zone: CoupaZone): string {
  const offset = offsetMinutes(ms, zone);
  const local = Math.floor(ms / 1000) * 1000 + offset * 60_000;
  const day = Math.floor(local / DAY_MS);
  const seconds = (local - day * DAY_MS) / 1000;
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds - hours * 3600) / 60);
  return (
    `${dateOfDay(day)}T${twoDigits(hours)}:${twoDigits(minutes)}:` +
    `${twoDigits(seconds % 60)}${offsetText(offset)}`
  );
}

/** The local calendar date (`2025-03-04`) of an instant in a zone. */
export function formatCoupaDate(ms: number, zone: CoupaZone): string {
  const local = ms + offsetMinutes(ms, zone) * 60_000;
  return dateOfDay(Math.floor(local / DAY_MS));
}

function offsetMinutes(ms: number, zone: CoupaZone): number {
  const month = monthOfDay(Math.floor(ms / DAY_MS));
  return month >= 4 && month <= 10 ? zone.summer : zone.standard;
}

function offsetText(minutes: number): string {
  const abs = Math.abs(minutes);
  const sign = minutes < 0 ? "-" : "+";
  return `${sign}${twoDigits(Math.floor(abs / 60))}:${twoDigits(abs % 60)}`;
}

function dateOfDay(day: number): string {
  const slot = day - CACHE_FIRST_DAY;
  if (slot < 0 || slot >= CACHE_DAYS) return computeDate(day);
  let text = dayText[slot];
  if (text === undefined) {
    text = computeDate(day);
    dayText[slot] = text;
  }
  return text;
}

function monthOfDay(day: number): number {
  const slot = day - CACHE_FIRST_DAY;
  if (slot < 0 || slot >= CACHE_DAYS) {
    return new Date(day * DAY_MS).getUTCMonth() + 1;
  }
  let month = dayMonth[slot] as number;
  if (month === 0) {
    month = new Date(day * DAY_MS).getUTCMonth() + 1;
    dayMonth[slot] = month;
  }
  return month;
}

function computeDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}
