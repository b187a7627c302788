import { type Command, InvalidArgumentError, Option } from "commander";
import { SimulatorOptionsError } from "../../simulator/simulator-options-error.js";
import {
  type RunningSimulator,
  type SimulatorOptions,
  startSimulator,
} from "../../simulator/start-simulator.js";

interface SimulateFlags {
  port: number;
  host: string;
  seed: number;
  size: number;
  tokenLifetime?: number;
  rateLimit: boolean;
  rps?: number;
  burst?: number;
  latencyMs?: number;
  latencyPerRecordMs?: number;
  fault5xxRate?: number;
  faultResetRate?: number;
  faultSlowRate?: number;
  faultSlowMs?: number;
  faultHangRate?: number;
  faultTruncateRate?: number;
  faultMalformedRate?: number;
  faultSeed?: number;
  ipAllowlist?: string[];
  clockSkewSeconds?: number;
  emptyJson404?: boolean;
  retryAfter?: boolean;
  apiKeys: boolean;
  json?: boolean;
}

/**
 * Registers `coupa-extractor simulate`: runs a Coupa simulator on a
 * port until SIGINT or SIGTERM. `--json` prints one line with the URLs
 * and credentials, for scripts.
 */
export function registerSimulate(program: Command): void {
  program
    .command("simulate")
    .description(
      "Run a simulated Coupa tenant (OAuth, lists, filters, XML/JSON, " +
        "rate limit, faults) on a local port until interrupted.",
    )
    .option("--port <n>", "port to listen on (0 = random)", integer, 0)
    .option("--host <address>", "interface to listen on", "127.0.0.1")
    .option("--seed <n>", "seed of the generated data and faults", integer, 1)
    .option("--size <n>", "number of invoices; the rest derives", integer, 1000)
    .option(
      "--token-lifetime <s>",
      "access token lifetime (default 86399)",
      integer,
    )
    .option("--no-rate-limit", "do not throttle (default: 25/s, burst 20)")
    .option("--rps <n>", "requests per second of the throttle", number)
    .option("--burst <n>", "burst of the throttle", integer)
    .option("--retry-after", "send Retry-After on 429")
    .option("--latency-ms <ms>", "fixed delay of every API answer", number)
    .option("--latency-per-record-ms <ms>", "extra delay per record", number)
    .option("--fault-5xx-rate <r>", "share answered 502/503/504", rate)
    .option("--fault-reset-rate <r>", "share of connections reset", rate)
    .option("--fault-slow-rate <r>", "share answered slowly", rate)
    .option(
      "--fault-slow-ms <ms>",
      "delay of a slow answer (default 3000)",
      number,
    )
    .option("--fault-hang-rate <r>", "share never answered", rate)
    .option("--fault-truncate-rate <r>", "share of bodies cut off", rate)
    .option("--fault-malformed-rate <r>", "share of malformed bodies", rate)
    .option(
      "--fault-seed <n>",
      "seed of fault choices (default --seed)",
      integer,
    )
    .option("--ip-allowlist <list>", "allowed sources, comma-separated", list)
    .option("--clock-skew-seconds <s>", "Date header offset", number)
    .option("--empty-json-404", "answer empty JSON lists 404 []")
    .option("--no-api-keys", "refuse legacy X-COUPA-API-KEY keys")
    .addOption(
      new Option("--json", "print one JSON line with URLs and credentials"),
    )
    .action(async (flags: SimulateFlags) => {
      await runSimulator(flags);
    });
}

async function runSimulator(flags: SimulateFlags): Promise<void> {
  let simulator: RunningSimulator;
  try {
    simulator = await startSimulator(toOptions(flags));
  } catch (error) {
    if (!(error instanceof SimulatorOptionsError)) throw error;
    console.error(`coupa-extractor simulate: ${error.message}`);
    process.exitCode = 2;
    return;
  }
  const info = {
    baseUrl: simulator.baseUrl,
    clientId: simulator.clientId,
    clientSecret: simulator.clientSecret,
    adminUrl: simulator.adminUrl,
    adminToken: simulator.adminToken,
  };
  if (flags.json) console.log(JSON.stringify(info));
  else printBanner(info, flags);

  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  await simulator.close();
}

function toOptions(flags: SimulateFlags): SimulatorOptions {
  const options: SimulatorOptions = {
    port: flags.port,
    host: flags.host,
    seed: flags.seed,
    size: flags.size,
    rateLimit: flags.rateLimit,
    apiKeys: flags.apiKeys,
    tokenLifetimeSeconds: flags.tokenLifetime,
    rps: flags.rps,
    burst: flags.burst,
    retryAfter: flags.retryAfter,
    latencyMs: flags.latencyMs,
    latencyPerRecordMs: flags.latencyPerRecordMs,
    fault5xxRate: flags.fault5xxRate,
    faultResetRate: flags.faultResetRate,
    faultSlowRate: flags.faultSlowRate,
    faultSlowMs: flags.faultSlowMs,
    faultHangRate: flags.faultHangRate,
    faultTruncateRate: flags.faultTruncateRate,
    faultMalformedRate: flags.faultMalformedRate,
    faultSeed: flags.faultSeed,
    ipAllowlist: flags.ipAllowlist,
    clockSkewSeconds: flags.clockSkewSeconds,
    emptyJson404: flags.emptyJson404,
  };
  return Object.fromEntries(
    Object.entries(options).filter(([, value]) => value !== undefined),
  );
}

function printBanner(info: Record<string, string>, flags: SimulateFlags): void {
  console.log(
    [
      `Coupa simulator listening on ${info.baseUrl}`,
      `  seed ${flags.seed}, ${flags.size} invoices, rate limit ${
        flags.rateLimit ? "on" : "off"
      }`,
      `  token URL      ${info.baseUrl}/oauth2/token`,
      `  client id      ${info.clientId}`,
      `  client secret  ${info.clientSecret}`,
      `  admin API      ${info.adminUrl} (Bearer ${info.adminToken})`,
      "Press Ctrl+C to stop.",
    ].join("\n"),
  );
}

function integer(value: string): number {
  if (!/^-?\d+$/.test(value)) {
    throw new InvalidArgumentError(`"${value}" is not an integer.`);
  }
  return Number(value);
}

function number(value: string): number {
  const parsed = Number(value);
  if (value.trim() === "" || !Number.isFinite(parsed)) {
    throw new InvalidArgumentError(`"${value}" is not a number.`);
  }
  return parsed;
}

function rate(value: string): number {
  const parsed = number(value);
  if (parsed < 0 || parsed > 1) {
    throw new InvalidArgumentError(
      `"${value}" is not a rate; give a share between 0 and 1, e.g. 0.05.`,
    );
  }
  return parsed;
}

function list(value: string): string[] {
  return value
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
}
