/** Helpers that turn API values into text for people. */

const numberFormat = new Intl.NumberFormat("en-US");

/** `12345` → `12,345`. */
export function formatCount(value: number | undefined): string {
  return value === undefined ? "–" : numberFormat.format(value);
}

/** An ISO instant in the browser's time zone, or a dash. */
export function formatTime(value: string | null | undefined): string {
  if (!value) return "–";
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toLocaleString();
}

/** Seconds as `1h 2m`, `3m 4s` or `5s`. */
export function formatDuration(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return "–";
  const total = Math.max(0, Math.round(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h}h ${m}m`;
  if (m > 0) return `${m}m ${s}s`;
  return `${s}s`;
}

/** True for run statuses after which nothing changes any more. */
export function isFinalStatus(status: string): boolean {
  return ["succeeded", "failed", "cancelled", "partial"].includes(status);
}
