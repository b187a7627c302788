import type { TransportResponse } from "./transport.js";

/**
 * Reading Coupa's answers: the shapes it uses for "no results", for its
 * access-denied page, and for naming a scope.
 */

const SCOPE_IN_TEXT = /\b[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)*\.(?:read|write)\b/g;

/**
 * True for the bodies Coupa sends with a 404 on a list meaning "nothing
 * matched": empty, `[]`, or the XML errors document "No results match
 * your search criteria." (whichever Accept the gateway honoured).
 */
export function isNoResultsBody(body: Buffer): boolean {
  const text = body.toString("utf8").trim();
  if (text === "" || /^\[\s*\]$/.test(text)) return true;
  return /no results match/i.test(text);
}

/** True for an HTML page (Coupa's access-denied answer), not JSON. */
export function isHtml(response: TransportResponse): boolean {
  const type = response.headers["content-type"] ?? "";
  if (type.includes("text/html")) return true;
  return /^\s*<(!doctype html|html)/i.test(response.body.toString("utf8"));
}

/** Scope names mentioned in a body, e.g. `core.invoice.read`. */
export function scopesNamedIn(body: Buffer): string[] {
  const found = body.toString("utf8").match(SCOPE_IN_TEXT) ?? [];
  return [...new Set(found)];
}

/** The JSON of a body, or undefined when it is not valid JSON. */
export function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString("utf8"));
  } catch {
    return undefined;
  }
}

/** The `Date` header as a Date, or null when absent or unreadable. */
export function serverDateOf(response: TransportResponse): Date | null {
  const value = response.headers.date;
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** True when a value is an array of plain objects (a Coupa JSON list). */
export function isRecordList(
  value: unknown,
): value is Record<string, unknown>[] {
  return (
    Array.isArray(value) &&
    value.every((item) => item !== null && typeof item === "object")
  );
}
