import { count } from "./format-run-report.js";
import type { TableProgress } from "./run-progress.js";

/**
 * One line of live progress for a table: status, mode, rows, pages per
 * second, partitions and the estimated time left when known.
 *
 * @example
 * formatTableProgress(p);
 * // "invoices  running  full  12,000 rows  240 pages  24.8 pages/s  20/48 partitions  ETA 0:42"
 */
export function formatTableProgress(
  progress: TableProgress,
  nameWidth = progress.table.length,
): string {
  const parts = [
    progress.table.padEnd(nameWidth),
    progress.status.padEnd(9),
    (progress.mode ?? "").padEnd(5),
    `${count(progress.rows)} rows`,
    `${count(progress.pages)} pages`,
    `${progress.pagesPerSecond.toFixed(1)} pages/s`,
    `${progress.partitionsDone}/${progress.partitionsTotal} partitions`,
  ];
  if (progress.etaSeconds !== null)
    parts.push(`ETA ${clock(progress.etaSeconds)}`);
  if (progress.resumed) parts.push("(resumed)");
  return parts.join("  ");
}

function clock(totalSeconds: number): string {
  const rounded = Math.ceil(totalSeconds);
  const minutes = Math.floor(rounded / 60);
  return `${minutes}:${String(rounded % 60).padStart(2, "0")}`;
}
