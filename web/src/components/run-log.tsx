import type { LogLine } from "../api/api-types.js";

/** Props of `RunLog`. */
export interface RunLogProps {
  readonly lines: readonly LogLine[];
}

/** Keys every line has; the rest are shown as `key=value` details. */
const BASE_KEYS = new Set(["seq", "time", "level", "msg", "runId"]);

/** A run's log lines: time, level, message and their structured fields. */
export function RunLog({ lines }: RunLogProps) {
  if (lines.length === 0) return <p className="empty">No log lines yet.</p>;
  return (
    <ol className="run-log">
      {lines.map((line, index) => (
        <li key={line.seq ?? index} className={`log-${line.level}`}>
          <time>{timeOf(line.time)}</time>{" "}
          <span className="log-level">{line.level}</span> {line.msg}
          <span className="log-fields">{detailsOf(line)}</span>
        </li>
      ))}
    </ol>
  );
}

function timeOf(time: string): string {
  const date = new Date(time);
  return Number.isNaN(date.getTime()) ? time : date.toLocaleTimeString();
}

function detailsOf(line: LogLine): string {
  const parts = Object.entries(line)
    .filter(([key]) => !BASE_KEYS.has(key))
    .map(([key, value]) => `${key}=${format(value)}`);
  return parts.length > 0 ? ` ${parts.join(" ")}` : "";
}

function format(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}
