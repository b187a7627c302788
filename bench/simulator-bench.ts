/**
 * How fast the simulator serves invoice pages: a local stand-in for
 * Coupa must outrun the extractor (12,500 invoices/s = 250 pages/s), or
 * every pipeline benchmark measures the simulator instead.
 *
 * Run: `npx tsx bench/simulator-bench.ts`
 */
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { readFile } from "node:fs/promises";
import { createInterface } from "node:readline";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Pool } from "undici";

/** Figures of one benchmark: medians over runs, and each run's pages/s. */
export interface SimulatorBenchResult {
  pagesPerSecond: number;
  megabytesPerSecond: number;
  runs: number[];
  /**
   * Pages served per second of the simulator process's own CPU time
   * (Linux only, else NaN): a figure that holds on a busy machine,
   * where wall-clock rates mostly measure the neighbours.
   */
  pagesPerCpuSecond: number;
}

/** Knobs of the benchmark; defaults match the figures in the report. */
export interface SimulatorBenchOptions {
  /** Invoices in the tenant (about 5 lines each). Default 20,000. */
  size?: number;
  /** Timed runs; each reads every invoice once. Default 5. */
  runs?: number;
  /** Requests in flight at once. Default 4. */
  concurrency?: number;
}

/**
 * Reads every invoice in keyset pages of 50 over keep-alive connections,
 * a few partitions at once, and reports the median pages/s and MB/s.
 */
export async function runSimulatorBench(
  options: SimulatorBenchOptions = {},
): Promise<SimulatorBenchResult> {
  const size = options.size ?? 20_000;
  const concurrency = options.concurrency ?? 4;
  const { child, sim } = await spawnSimulator(size);
  const pool = new Pool(sim.baseUrl, { connections: concurrency });
  try {
    const token = await mintToken(pool, sim);
    const range = await idRange(pool, token);
    await readAll(pool, range, token, concurrency);

    const pagesPerSecond: number[] = [];
    const megabytesPerSecond: number[] = [];
    const pagesPerCpuSecond: number[] = [];
    for (let run = 0; run < (options.runs ?? 5); run++) {
      const started = performance.now();
      const cpuBefore = await cpuSeconds(child.pid);
      const { pages, bytes } = await readAll(pool, range, token, concurrency);
      const seconds = (performance.now() - started) / 1000;
      const cpu = (await cpuSeconds(child.pid)) - cpuBefore;
      pagesPerSecond.push(pages / seconds);
      megabytesPerSecond.push(bytes / 1e6 / seconds);
      pagesPerCpuSecond.push(pages / cpu);
    }
    return {
      pagesPerSecond: median(pagesPerSecond),
      megabytesPerSecond: median(megabytesPerSecond),
      runs: pagesPerSecond,
      pagesPerCpuSecond: median(pagesPerCpuSecond),
    };
  } finally {
    await pool.close();
    child.kill("SIGTERM");
    await once(child, "exit");
  }
}

interface SimulatorInfo {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
}

const SIMULATE = `
import { Command } from "commander";
import { registerSimulate } from "./src/cli/commands/simulate.ts";
const program = new Command("coupa-extractor");
registerSimulate(program);
await program.parseAsync(process.argv.slice(1), { from: "user" });
`;

/**
 * The simulator runs in its own process, as it does beside a real
 * extraction: the benchmark's client must not steal its CPU.
 */
async function spawnSimulator(
  size: number,
): Promise<{ child: ChildProcess; sim: SimulatorInfo }> {
  const root = fileURLToPath(new URL("..", import.meta.url));
  const args = ["simulate", "--json", "--no-rate-limit", "--size", `${size}`];
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "--input-type=module", "-e", SIMULATE, "--", ...args],
    { cwd: root, stdio: ["ignore", "pipe", "inherit"] },
  );
  const lines = createInterface({
    input: child.stdout as NodeJS.ReadableStream,
  });
  for await (const line of lines) {
    return { child, sim: JSON.parse(line) as SimulatorInfo };
  }
  throw new Error("The simulator exited before printing its address.");
}

async function idRange(
  pool: Pool,
  token: string,
): Promise<{ min: number; max: number }> {
  const first = async (dir: string) => {
    const response = await pool.request({
      method: "GET",
      path: `/api/invoices?order_by=id&dir=${dir}&limit=1`,
      headers: { authorization: `Bearer ${token}`, accept: "application/json" },
    });
    const [record] = (await response.body.json()) as { id: number }[];
    return record?.id ?? 0;
  };
  return { min: await first("asc"), max: await first("desc") };
}

async function readAll(
  pool: Pool,
  range: { min: number; max: number },
  token: string,
  concurrency: number,
): Promise<{ pages: number; bytes: number }> {
  const span = Math.ceil((range.max - range.min + 1) / concurrency);
  const partitions = Array.from({ length: concurrency }, (_, i) => ({
    after: range.min - 1 + i * span,
    before: range.min + (i + 1) * span,
  }));
  const totals = await Promise.all(
    partitions.map((p) => walk(pool, token, p.after, p.before)),
  );
  return totals.reduce((a, b) => ({
    pages: a.pages + b.pages,
    bytes: a.bytes + b.bytes,
  }));
}

/** One partition by keyset, as the extractor reads it. */
async function walk(
  pool: Pool,
  token: string,
  after: number,
  before: number,
): Promise<{ pages: number; bytes: number }> {
  let last = after;
  let pages = 0;
  let bytes = 0;
  for (;;) {
    const query = new URLSearchParams({
      order_by: "id",
      dir: "asc",
      "id[gt]": String(last),
      "id[lt]": String(before),
      "updated_at[lt]": "2100-01-01T00:00:00Z",
      limit: "50",
    });
    const response = await pool.request({
      method: "GET",
      path: `/api/invoices?${query}`,
      headers: { authorization: `Bearer ${token}`, accept: "application/json" },
    });
    const body = await response.body.text();
    if (response.statusCode !== 200) {
      throw new Error(`GET /api/invoices answered ${response.statusCode}`);
    }
    const records = JSON.parse(body) as { id: number }[];
    pages += 1;
    bytes += Buffer.byteLength(body);
    if (records.length < 50) return { pages, bytes };
    last = records.at(-1)?.id ?? before;
  }
}

async function mintToken(pool: Pool, sim: SimulatorInfo): Promise<string> {
  const response = await pool.request({
    method: "POST",
    path: "/oauth2/token",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "client_credentials",
      client_id: sim.clientId,
      client_secret: sim.clientSecret,
    }).toString(),
  });
  const body = (await response.body.json()) as { access_token: string };
  return body.access_token;
}

/** User + system CPU seconds of a process, from /proc (Linux). */
async function cpuSeconds(pid: number | undefined): Promise<number> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[11]) + Number(fields[12]);
    return ticks / CLOCK_TICKS;
  } catch {
    return Number.NaN;
  }
}

/** USER_HZ on Linux: /proc counts CPU time in 1/100 s. */
const CLOCK_TICKS = 100;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

if (
  process.argv[1] &&
  import.meta.url === pathToFileURL(process.argv[1]).href
) {
  const result = await runSimulatorBench();
  console.log(
    `simulator: ${result.pagesPerSecond.toFixed(0)} pages/s ` +
      `(${(result.pagesPerSecond * 50).toFixed(0)} invoices/s), ` +
      `${result.megabytesPerSecond.toFixed(1)} MB/s, ` +
      `${result.pagesPerCpuSecond.toFixed(0)} pages per CPU second; ` +
      "runs (pages/s): " +
      result.runs.map((r) => r.toFixed(0)).join(", "),
  );
}
