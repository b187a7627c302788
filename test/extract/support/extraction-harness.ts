import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { ConnectionConfig } from "../../../src/connection/connection-config-schema.js";
import { parseConnectionConfig } from "../../../src/connection/parse-connection-config.js";
import type { RunReport } from "../../../src/extract/run-report.js";
import {
  type StartExtractionOptions,
  startExtraction,
} from "../../../src/extract/start-extraction.js";
import type { TableSettings } from "../../../src/normalize/table-settings.js";
import {
  type RunningSimulator,
  type SimulatorOptions,
  startSimulator,
} from "../../../src/simulator/start-simulator.js";

/** A simulator on a random loopback port and a temporary folder. */
export interface Harness {
  readonly sim: RunningSimulator;
  readonly dir: string;
  readonly poolPath: string;
  readonly connection: ConnectionConfig;
  close(): Promise<void>;
}

/** Starts a simulator (rate limit off unless asked) and a temp folder. */
export async function startHarness(
  options: SimulatorOptions = {},
  connection: Record<string, unknown> = {},
): Promise<Harness> {
  const sim = await startSimulator({ rateLimit: false, ...options });
  const dir = await mkdtemp(path.join(tmpdir(), "extract-test-"));
  return {
    sim,
    dir,
    poolPath: path.join(dir, "pool.duckdb"),
    connection: parseConnectionConfig({
      name: "test",
      host: sim.baseUrl,
      auth: {
        type: "oauth",
        clientId: sim.clientId,
        clientSecret: sim.clientSecret,
      },
      maxParallelRequests: 8,
      ...connection,
    }),
    close: async () => {
      await sim.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Validated settings of one table with test defaults. */
export function table(
  resource: string,
  overrides: Partial<TableSettings> = {},
): TableSettings {
  return {
    resource,
    target: resource,
    filter: [],
    pseudonymize: [],
    lookbackMs: 3_600_000,
    detectDeletes: false,
    drift: "evolve",
    ...overrides,
  };
}

/** Runs one extraction against the harness and returns its report. */
export async function extract(
  harness: Harness,
  tables: readonly TableSettings[],
  mode: StartExtractionOptions["mode"],
  options: Partial<StartExtractionOptions> = {},
): Promise<RunReport> {
  const handle = startExtraction({
    connection: harness.connection,
    poolPath: harness.poolPath,
    tables,
    mode,
    safetyMarginMs: 0,
    ...options,
  });
  return handle.result;
}

/**
 * Waits until the wall clock enters the next second: Coupa timestamps
 * have whole seconds, so changes made before are then strictly before a
 * new run's upper bound.
 */
export async function nextSecond(): Promise<void> {
  const wait = 1000 - (Date.now() % 1000) + 20;
  await new Promise((resolve) => setTimeout(resolve, wait));
}
