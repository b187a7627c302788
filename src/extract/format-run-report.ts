import type { RunReport, TableReport } from "./run-report.js";

const HEADERS = [
  "table",
  "mode",
  "status",
  "inserted",
  "updated",
  "deleted",
  "pages",
  "requests",
  "retries",
  "429s",
  "time",
];

/**
 * A run report as a plain-text table, one row per table, followed by each
 * failed table's error and the run's status line.
 *
 * @example
 * console.log(formatRunReport(await handle.result));
 */
export function formatRunReport(report: RunReport): string {
  const rows = report.tables.map(reportRow);
  const widths = HEADERS.map((header, i) =>
    Math.max(header.length, ...rows.map((row) => (row[i] ?? "").length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) =>
        i < 3 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0),
      )
      .join("  ")
      .trimEnd();
  const errors = report.tables
    .filter((t) => t.error)
    .map((t) => `${t.table}: ${t.error?.code}: ${t.error?.message}`);
  const { totals } = report;
  return [
    line(HEADERS),
    ...rows.map(line),
    ...(errors.length > 0 ? ["", ...errors] : []),
    "",
    `Run ${report.runId} ${report.status} in ${seconds(report.durationMs)}: ` +
      `${count(totals.rows)} rows, ${count(totals.requests)} requests, ` +
      `${count(totals.retries)} retries, ${count(totals.throttled)} throttled.`,
  ].join("\n");
}

function reportRow(table: TableReport): string[] {
  return [
    table.table,
    (table.mode ?? "-") + (table.resumed ? " (resumed)" : ""),
    table.status,
    count(table.rowsInserted),
    count(table.rowsUpdated),
    count(table.rowsDeleted),
    count(table.pages),
    count(table.requests),
    count(table.retries),
    count(table.throttled),
    seconds(table.durationMs),
  ];
}

/** A count with thousands separators: 12,345. */
export function count(value: number): string {
  return Math.round(value).toLocaleString("en-US");
}

/** A duration in seconds with one decimal: 12.3s. */
export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}
