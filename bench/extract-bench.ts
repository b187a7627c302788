/**
 * Benchmarks of extract/: API-bound speed against Coupa's limits (and a
 * naive offset paginator), local pipeline throughput, peak memory, and the
 * requests of a small delta. Each `run…Bench` returns its figures; run
 * this file with tsx to print all of them as JSON
 * (`npx tsx bench/extract-bench.ts [api|local|memory|delta]`).
 */
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { getCatalog } from "../src/catalog/catalog.js";
import { parseConnectionConfig } from "../src/connection/parse-connection-config.js";
import { CoupaClient } from "../src/coupa/coupa-client.js";
import { startExtraction } from "../src/extract/start-extraction.js";
import { DuckDbPoolStore } from "../src/load/duckdb-pool-store.js";
import type { TableSettings } from "../src/normalize/table-settings.js";
import {
  type RunningSimulator,
  type SimulatorOptions,
  startSimulator,
} from "../src/simulator/start-simulator.js";
import { naiveOffsetRead } from "./naive-paginator.js";

const CEILING_RECORDS_PER_SECOND = 25 * 50;

/** Figures of the API-bound benchmark. */
export interface ApiBoundFigures {
  readonly invoices: number;
  readonly tables: readonly string[];
  readonly records: number;
  readonly seconds: number;
  readonly recordsPerSecond: number;
  /** recordsPerSecond / 1,250 (25 requests/s × 50 records). */
  readonly shareOfCeiling: number;
  readonly requests: number;
  readonly throttled: number;
  readonly throttledShare: number;
  readonly naive: {
    readonly pagesRead: number;
    readonly recordsPerSecond: number;
    /** Time the naive reader would need for the same records. */
    readonly extrapolatedSeconds: number;
  };
  readonly speedUp: number;
}

/**
 * Coupa's limits (25 requests/s, burst 20) with 300 ms + 2 ms per record
 * of latency: a full load of invoices (~5 lines each) and five other
 * tables, then a naive sequential offset reader on invoices, capped at
 * `naivePages` pages and extrapolated to the same record count.
 */
export async function runApiBoundBench(
  options: { invoices?: number; naivePages?: number } = {},
): Promise<ApiBoundFigures> {
  const invoices = options.invoices ?? 20_000;
  const tables = [
    "invoices",
    "purchase_orders",
    "suppliers",
    "users",
    "departments",
    "payment_terms",
  ];
  return withSimulator(
    {
      size: invoices,
      rateLimit: true,
      latencyMs: 300,
      latencyPerRecordMs: 2,
    },
    async (sim, dir) => {
      const started = performance.now();
      const report = await startExtraction({
        connection: connectionOf(sim),
        poolPath: path.join(dir, "api.duckdb"),
        tables: tables.map(settingsOf),
        mode: "full",
        safetyMarginMs: 0,
      }).result;
      const seconds = (performance.now() - started) / 1000;
      const records = report.totals.rows;
      const recordsPerSecond = records / seconds;

      const client = new CoupaClient({ connection: connectionOf(sim) });
      const naive = await naiveOffsetRead(
        client,
        "/api/invoices",
        options.naivePages ?? 40,
      );
      await client.close();
      return {
        invoices,
        tables,
        records,
        seconds,
        recordsPerSecond,
        shareOfCeiling: recordsPerSecond / CEILING_RECORDS_PER_SECOND,
        requests: report.totals.requests,
        throttled: report.totals.throttled,
        throttledShare: report.totals.throttled / report.totals.requests,
        naive: {
          pagesRead: naive.pages,
          recordsPerSecond: naive.recordsPerSecond,
          extrapolatedSeconds: records / naive.recordsPerSecond,
        },
        speedUp: recordsPerSecond / naive.recordsPerSecond,
      };
    },
  );
}

/** Figures of one extraction run in a child process. */
export interface ChildRunFigures {
  readonly invoices: number;
  readonly rows: number;
  readonly lineRows: number;
  readonly seconds: number;
  readonly invoicesPerSecond: number;
  readonly peakRssMb: number;
  /** Largest JavaScript heap seen (sampled), to tell it from DuckDB's. */
  readonly peakHeapMb: number;
  /** Errors of failed tables; empty when the run succeeded. */
  readonly errors: readonly string[];
}

/**
 * The whole local pipeline (client, normalize, DuckDB) with rate limit and
 * latency off: a full load of invoices with their lines and allocations,
 * in a child process while the simulator runs in this one.
 */
export async function runLocalPipelineBench(
  options: { invoices?: number } = {},
): Promise<ChildRunFigures> {
  const invoices = options.invoices ?? 20_000;
  return withSimulator({ size: invoices, rateLimit: false }, (sim, dir) =>
    childRun(sim, path.join(dir, "local.duckdb"), invoices),
  );
}

/**
 * Peak resident memory of the extracting process (a child, simulator in
 * this one) for full loads of several sizes; flat means memory does not
 * grow with the table.
 */
export async function runMemoryBench(
  options: { sizes?: readonly number[] } = {},
): Promise<ChildRunFigures[]> {
  const results: ChildRunFigures[] = [];
  for (const size of options.sizes ?? [50_000, 200_000]) {
    results.push(
      await withSimulator({ size, rateLimit: false }, (sim, dir) =>
        childRun(sim, path.join(dir, "memory.duckdb"), size),
      ),
    );
  }
  return results;
}

/** Figures of the delta benchmark. */
export interface DeltaFigures {
  readonly invoices: number;
  readonly changed: number;
  readonly requests: number;
  readonly pages: number;
  /** changed / 50: the pages the changes fill. */
  readonly minimumPages: number;
}

/**
 * Requests of a delta after changing `share` (default 1%) of the invoices.
 * The pool starts with a watermark and no rows: a delta's requests depend
 * only on the window, so a 100,000-invoice full load is not needed first.
 */
export async function runDeltaRequestsBench(
  options: { invoices?: number; share?: number } = {},
): Promise<DeltaFigures> {
  const invoices = options.invoices ?? 100_000;
  const changed = Math.round(invoices * (options.share ?? 0.01));
  return withSimulator(
    { size: invoices, rateLimit: false },
    async (sim, dir) => {
      const poolPath = path.join(dir, "delta.duckdb");
      const store = await DuckDbPoolStore.open(poolPath);
      await store.completeTable("invoices", "bench-seed", new Date());
      await store.close();
      sim.data.update("invoices", changed, { touchLines: true });
      await new Promise((resolve) => setTimeout(resolve, 1_100));

      sim.admin.clearRequestLog();
      const report = await startExtraction({
        connection: connectionOf(sim),
        poolPath,
        tables: [settingsOf("invoices")],
        mode: "delta",
        safetyMarginMs: 0,
      }).result;
      const api = sim.admin
        .requestLog()
        .filter((e) => e.path.startsWith("/api"));
      return {
        invoices,
        changed,
        requests: api.length,
        pages: report.tables[0]?.pages ?? 0,
        minimumPages: Math.ceil(changed / 50),
      };
    },
  );
}

/** Runs every benchmark of extract/ and returns all figures. */
export async function runExtractBench() {
  return {
    apiBound: await runApiBoundBench(),
    localPipeline: await runLocalPipelineBench(),
    memory: await runMemoryBench(),
    delta: await runDeltaRequestsBench(),
  };
}

async function withSimulator<T>(
  options: SimulatorOptions,
  work: (sim: RunningSimulator, dir: string) => Promise<T>,
): Promise<T> {
  const sim = await startSimulator({ seed: 42, ...options });
  const dir = await mkdtemp(path.join(tmpdir(), "extract-bench-"));
  try {
    return await work(sim, dir);
  } finally {
    await sim.close();
    await rm(dir, { recursive: true, force: true });
  }
}

function connectionOf(sim: RunningSimulator) {
  return parseConnectionConfig({
    name: "bench",
    host: sim.baseUrl,
    auth: {
      type: "oauth",
      clientId: sim.clientId,
      clientSecret: sim.clientSecret,
    },
  });
}

function settingsOf(resource: string): TableSettings {
  return {
    resource,
    target: resource,
    filter: [],
    pseudonymize: [],
    lookbackMs: 3_600_000,
    detectDeletes: false,
    drift: "evolve",
  };
}

interface ChildInput {
  readonly baseUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly poolPath: string;
  readonly invoices: number;
}

/** Runs a full load of invoices in a child process and reads its figures. */
async function childRun(
  sim: RunningSimulator,
  poolPath: string,
  invoices: number,
): Promise<ChildRunFigures> {
  const input: ChildInput = {
    baseUrl: sim.baseUrl,
    clientId: sim.clientId,
    clientSecret: sim.clientSecret,
    poolPath,
    invoices,
  };
  const self = fileURLToPath(import.meta.url);
  const child = spawn(
    process.execPath,
    ["--import", "tsx", self, "--child", JSON.stringify(input)],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const code = await new Promise<number | null>((resolve) =>
    child.on("close", resolve),
  );
  if (code !== 0) throw new Error(`benchmark child exited with ${code}`);
  return JSON.parse(output.trim().split("\n").at(-1) ?? "{}");
}

/** The child's side: one full load, then its figures as a JSON line. */
async function childMain(input: ChildInput): Promise<void> {
  const connection = parseConnectionConfig({
    name: "bench",
    host: input.baseUrl,
    auth: {
      type: "oauth",
      clientId: input.clientId,
      clientSecret: input.clientSecret,
    },
  });
  const started = performance.now();
  let peakHeapMb = 0;
  const sampler = setInterval(() => {
    peakHeapMb = Math.max(peakHeapMb, process.memoryUsage().heapUsed / 2 ** 20);
  }, 250);
  const report = await startExtraction({
    connection,
    poolPath: input.poolPath,
    tables: [settingsOf("invoices")],
    mode: "full",
    safetyMarginMs: 0,
  }).result;
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const lineRows = await countLines(input.poolPath);
  const figures: ChildRunFigures = {
    invoices: input.invoices,
    rows: report.totals.rows,
    lineRows,
    seconds,
    invoicesPerSecond: report.totals.rows / seconds,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    peakHeapMb,
    errors: report.tables.flatMap((t) =>
      t.error ? [`${t.table}: ${t.error.code}: ${t.error.message}`] : [],
    ),
  };
  console.log(JSON.stringify(figures));
}

async function countLines(poolPath: string): Promise<number> {
  const { DuckDBInstance } = await import("@duckdb/node-api");
  const instance = await DuckDBInstance.fromCache(path.resolve(poolPath));
  const connection = await instance.connect();
  const reader = await connection.runAndReadAll(
    "SELECT count(*) AS n FROM invoices__invoice_lines",
  );
  connection.closeSync();
  return Number(reader.getRows()[0]?.[0]);
}

async function main(args: readonly string[]): Promise<void> {
  if (args[0] === "--child") {
    await childMain(JSON.parse(args[1] ?? "{}") as ChildInput);
    return;
  }
  getCatalog();
  const which = args[0] ?? "all";
  const figures =
    which === "api"
      ? await runApiBoundBench()
      : which === "local"
        ? await runLocalPipelineBench()
        : which === "memory"
          ? await runMemoryBench()
          : which === "delta"
            ? await runDeltaRequestsBench()
            : await runExtractBench();
  console.log(JSON.stringify(figures, null, 2));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await main(process.argv.slice(2));
}
