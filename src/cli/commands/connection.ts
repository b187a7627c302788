import type { Command } from "commander";
import { pino } from "pino";
import { loadConnection } from "../../connection/load-connection.js";
import { maskSecrets } from "../../connection/mask-secrets.js";
import {
  type ConnectionCheck,
  type ConnectionTestReport,
  testConnection,
} from "../../connection/test-connection.js";

/** Exit codes of `connection`: 0 ok, 1 a check failed, 2 bad config. */
export const CONNECTION_EXIT = { ok: 0, failed: 1, usage: 2 } as const;

interface ConnectionOptions {
  readonly config: string;
  readonly json?: boolean;
  readonly logLevel?: string;
}

const MARK: Readonly<Record<ConnectionCheck["status"], string>> = {
  pass: "PASS",
  fail: "FAIL",
  skip: "SKIP",
};

/**
 * Registers `coupa-extractor connection test --config <file> [--json]`
 * (exit 1 when a check fails) and `coupa-extractor connection show
 * --config <file>` (the normalized connection, secrets masked). A config
 * that cannot be read or is invalid exits 2.
 */
export function registerConnection(program: Command): void {
  const connection = program
    .command("connection")
    .description("Check or show the Coupa connection of a config file");

  connection
    .command("test")
    .description(
      "Check DNS, TCP, TLS, the token and a one-record read per table; " +
        "every failure comes with its fix",
    )
    .requiredOption("--config <file>", "config file (YAML or JSON)")
    .option("--json", "print the report as JSON")
    .option("--log-level <level>", "pino log level on stderr", "warn")
    .action(async (options: ConnectionOptions) => {
      process.exitCode = await runTest(options);
    });

  connection
    .command("show")
    .description("Print the normalized connection with secrets masked")
    .requiredOption("--config <file>", "config file (YAML or JSON)")
    .action(async (options: ConnectionOptions) => {
      process.exitCode = await runShow(options);
    });
}

async function runTest(options: ConnectionOptions): Promise<number> {
  const loaded = await loadConnection(options.config).catch(usageError);
  if (!loaded) return CONNECTION_EXIT.usage;
  const logger = pino(
    { level: options.logLevel ?? "warn" },
    pino.destination(2),
  );
  const report = await testConnection(loaded.connection, {
    tables: [...loaded.tables],
    logger,
  });
  if (options.json) console.log(JSON.stringify(report, null, 2));
  else console.log(formatReport(report));
  return report.ok ? CONNECTION_EXIT.ok : CONNECTION_EXIT.failed;
}

async function runShow(options: ConnectionOptions): Promise<number> {
  const loaded = await loadConnection(options.config).catch(usageError);
  if (!loaded) return CONNECTION_EXIT.usage;
  console.log(JSON.stringify(maskSecrets(loaded.connection), null, 2));
  return CONNECTION_EXIT.ok;
}

/** One line per check; a failure's fix on the line after it. */
export function formatReport(report: ConnectionTestReport): string {
  const lines = report.checks.flatMap((check) => {
    const line = `${MARK[check.status]}  ${check.name.padEnd(24)} ${check.detail}`;
    return check.fix ? [line, `      fix: ${check.fix}`] : [line];
  });
  const failed = report.checks.filter((c) => c.status === "fail").length;
  lines.push(
    report.ok
      ? "Connection OK."
      : `${failed} check${failed === 1 ? "" : "s"} failed.`,
  );
  return lines.join("\n");
}

function usageError(error: unknown): undefined {
  console.error((error as Error).message);
  return undefined;
}
