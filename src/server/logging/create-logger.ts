import { type Logger, pino } from "pino";
import { REDACT_PATHS } from "./redact-paths.js";

/**
 * The server's default logger: pino JSON on stdout at `level`, with the
 * secret-bearing paths redacted.
 *
 * @param level pino level. Default `info`.
 */
export function createLogger(level = "info"): Logger {
  return pino({
    level,
    redact: { paths: [...REDACT_PATHS], censor: "[redacted]" },
  });
}
