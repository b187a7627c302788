/**
 * Benchmarks of extract/: API-bound speed against Coupa's limits (and a
 * naive offset paginator), local pipeline throughput, peak memory, and the
 * requests of a small delta. Each `run…Bench` returns its figures; run
 * this file with tsx to print all of them as JSON
 * (`npx tsx bench/extract-bench.ts [api|local|memory|delta]`).
 */
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
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

/** Figures of one `extract` command run as a child process. */
export interface ChildRunFigures {
  readonly invoices: number;
  /** The pool's `memoryLimitMb` (DuckDB's cap). */
  readonly memoryLimitMb: number;
  readonly rows: number;
  readonly lineRows: number;
  readonly seconds: number;
  readonly invoicesPerSecond: number;
  /** The process's peak resident memory (VmHWM), sampled every 50 ms. */
  readonly peakRssMb: number;
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
 * this one) for full loads of several sizes, each under the default
 * DuckDB cap (256 MB) and a small one (100 MB, a pool file with 16 KB
 * blocks) side by side; flat means memory does not grow with the table.
 */
export async function runMemoryBench(
  options: {
    sizes?: readonly number[];
    memoryLimitsMb?: readonly number[];
  } = {},
): Promise<ChildRunFigures[]> {
  const results: ChildRunFigures[] = [];
  for (const size of options.sizes ?? [50_000, 200_000]) {
    await withSimulator({ size, rateLimit: false }, async (sim, dir) => {
      for (const limit of options.memoryLimitsMb ?? [256, 100]) {
        const poolPath = path.join(dir, `memory-${limit}.duckdb`);
        results.push(await childRun(sim, poolPath, size, limit));
      }
    });
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

/** The repository's root, where `dist/` is built. */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

let built: Promise<void> | undefined;

/** Builds `dist/` once per benchmark process: the product as shipped. */
function buildOnce(): Promise<void> {
  built ??= new Promise<void>((resolve, reject) => {
    const tsc = path.join(ROOT, "node_modules", "typescript", "bin", "tsc");
    const child = spawn(process.execPath, [tsc, "-p", "tsconfig.build.json"], {
      cwd: ROOT,
      stdio: "inherit",
    });
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve() : reject(new Error(`tsc exited with ${code}`)),
    );
  });
  return built;
}

/**
 * Runs `coupa-extractor extract --full` from `dist/` (as shipped: no tsx,
 * no benchmark code in the process) on invoices and reads its figures:
 * peak RSS from the kernel's high-water mark, rows and errors from the
 * run report the command stored in the pool.
 */
async function childRun(
  sim: RunningSimulator,
  poolPath: string,
  invoices: number,
  memoryLimitMb = 256,
): Promise<ChildRunFigures> {
  await buildOnce();
  const configPath = path.join(path.dirname(poolPath), "extract.json");
  await writeFile(
    configPath,
    JSON.stringify({
      connection: {
        name: "bench",
        host: sim.baseUrl,
        auth: {
          type: "oauth",
          clientId: sim.clientId,
          clientSecret: sim.clientSecret,
        },
        // Coupa's limits off on our side too: the simulator's are off.
        requestsPerSecond: 1000,
        burst: 1000,
      },
      pool: { path: poolPath, memoryLimitMb },
      tables: { invoices: {} },
      safetyMargin: "0s",
    }),
  );
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [path.join(ROOT, "dist/cli/main.js"), "extract", "--config", configPath],
    { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"] },
  );
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  let peakRssKb = 0;
  const sample = async () => {
    const status = await readFile(`/proc/${child.pid}/status`, "utf8").catch(
      () => "",
    );
    const hwm = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
    if (hwm) peakRssKb = Math.max(peakRssKb, Number(hwm));
  };
  const sampler = setInterval(() => void sample(), 50);
  const code = await new Promise<number | null>((resolve) =>
    child.on("close", resolve),
  );
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  if (code !== 0 && code !== 1) {
    throw new Error(`extract exited with ${code}: ${stderr}`);
  }
  const { rows, errors, lineRows } = await readRun(poolPath);
  return {
    invoices,
    memoryLimitMb,
    rows,
    lineRows,
    seconds,
    invoicesPerSecond: rows / seconds,
    peakRssMb: peakRssKb / 1024,
    errors,
  };
}

/** The stored report of the pool's one run, and its line count. */
async function readRun(poolPath: string) {
  const { DuckDBInstance } = await import("@duckdb/node-api");
  const instance = await DuckDBInstance.create(path.resolve(poolPath), {
    access_mode: "READ_ONLY",
  });
  const connection = await instance.connect();
  try {
    const reader = await connection.runAndReadAll(
      `SELECT (SELECT report FROM _runs LIMIT 1),
         (SELECT count(*) FROM invoices__invoice_lines)`,
    );
    const [text, lines] = reader.getRows()[0] ?? [];
    const report = JSON.parse(String(text)) as {
      totals: { rows: number };
      tables: { table: string; error?: { code: string; message: string } }[];
    };
    return {
      rows: report.totals.rows,
      lineRows: Number(lines),
      errors: report.tables.flatMap((t) =>
        t.error ? [`${t.table}: ${t.error.code}: ${t.error.message}`] : [],
      ),
    };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

async function main(args: readonly string[]): Promise<void> {
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
