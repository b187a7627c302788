import { type Logger, pino } from "pino";
import { REDACT_PATHS } from "../logging/redact-paths.js";
import type { RunLogLine, RunLogStore } from "./run-log-store.js";

const LEVEL_NAMES: Readonly<Record<number, string>> = {
  10: "trace",
  20: "debug",
  30: "info",
  40: "warn",
  50: "error",
  60: "fatal",
};

/** Options of `createRunLogger`. */
export interface RunLoggerOptions {
  readonly runId: string;
  readonly store: RunLogStore;
  /** The server's logger: every line is also written there. */
  readonly serverLogger: Logger;
  /** Values that must never appear in a line (the connection's secret). */
  readonly secrets: readonly string[];
  /** Called with each stored line (SSE `log` events). */
  readonly onLine: (line: RunLogLine) => void;
  /** pino level of the run's logger. Default `info`. */
  readonly level?: string;
}

/**
 * A logger for one run whose lines are kept with the run (SQLite,
 * bounded), streamed to watchers and forwarded to the server's log.
 * Redaction by path catches secrets in known fields; scrubbing by value
 * catches a secret quoted inside any message.
 *
 * @example
 * const logger = createRunLogger({ runId, store, serverLogger, secrets: [s], onLine });
 * logger.info({ table: "invoices" }, "table done");
 */
export function createRunLogger(options: RunLoggerOptions): Logger {
  const sink = {
    write(chunk: string) {
      for (const text of chunk.split("\n")) {
        if (text.trim() !== "") handleLine(text, options);
      }
    },
  };
  return pino(
    {
      level: options.level ?? "info",
      base: { runId: options.runId },
      redact: { paths: [...REDACT_PATHS], censor: "[redacted]" },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    sink,
  );
}

function handleLine(text: string, options: RunLoggerOptions): void {
  const fields = JSON.parse(scrub(text, options.secrets)) as Record<
    string,
    unknown
  >;
  const { level, time, msg, pid: _pid, hostname: _host, ...rest } = fields;
  const levelName = LEVEL_NAMES[Number(level)] ?? String(level);
  const line = options.store.append(options.runId, {
    ...rest,
    time: String(time),
    level: levelName,
    msg: typeof msg === "string" ? msg : "",
  });
  options.onLine(line);
  forward(options.serverLogger, levelName, rest, line.msg);
}

function forward(
  logger: Logger,
  level: string,
  fields: Record<string, unknown>,
  msg: string,
): void {
  const method = level in logger ? (level as "info") : "info";
  logger[method](fields, msg);
}

function scrub(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length >= 4) result = result.split(secret).join("[redacted]");
  }
  return result;
}
