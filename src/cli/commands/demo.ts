import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import type { Command } from "commander";
import { pino } from "pino";
import { parseConnectionConfig } from "../../connection/parse-connection-config.js";
import { formatRunReport } from "../../extract/format-run-report.js";
import type { ExtractionMode } from "../../extract/plan-table-read.js";
import { ProgressDisplay } from "../../extract/progress-display.js";
import type { RunReport } from "../../extract/run-report.js";
import { startExtraction } from "../../extract/start-extraction.js";
import { PoolReader } from "../../load/pool-reader.js";
import type { TableSettings } from "../../normalize/table-settings.js";
import {
  type RunningSimulator,
  startSimulator,
} from "../../simulator/start-simulator.js";

interface DemoOptions {
  readonly pool: string;
  readonly size: string;
}

const DEMO_TABLES = [
  "invoices",
  "purchase_orders",
  "requisitions",
  "suppliers",
  "users",
  "approvals",
];

/**
 * Registers `coupa-extractor demo [--pool <path>]` (`npm run demo`): a
 * simulated Coupa tenant in this process, throttled like Coupa (25
 * requests/s, burst 20), a full extraction of several tables, a few
 * changes in Coupa, a delta that picks them up, both run reports and a
 * sample query on the pool, left at ./data/demo.duckdb by default.
 */
export function registerDemo(program: Command): void {
  program
    .command("demo")
    .description(
      "Extract from a simulated Coupa tenant: full load, changes, delta, " +
        "and a query on the resulting pool",
    )
    .option("--pool <path>", "the demo pool file", "./data/demo.duckdb")
    .option("--size <invoices>", "invoices in the simulated tenant", "2000")
    .action(async (options: DemoOptions) => {
      process.exitCode = await runDemo(options);
    });
}

async function runDemo(options: DemoOptions): Promise<number> {
  const poolPath = path.resolve(options.pool);
  await freshPool(poolPath);
  console.log(`Demo pool: ${poolPath} (created afresh).`);
  const size = Number(options.size);
  console.log(
    `Starting a simulated Coupa tenant with ${size} invoices and their ` +
      "orders, requisitions, suppliers, users and approvals.\nIt throttles " +
      "like Coupa: 25 requests per second, bursts of 20, then HTTP 429.\n",
  );
  const sim = await startSimulator({ size, seed: 7, latencyMs: 25 });
  try {
    const full = await extract(sim, poolPath, "full");
    console.log(`\nFull load:\n${formatRunReport(full)}\n`);
    summarizePace(full);

    await changeCoupa(sim);
    const delta = await extract(sim, poolPath, "auto");
    console.log(`\nDelta:\n${formatRunReport(delta)}\n`);

    await sampleQuery(sim, poolPath);
    console.log(
      `\nThe pool is at ${poolPath}. Query it with DuckDB, or export it: ` +
        `coupa-extractor export --pool ${options.pool} --format parquet ` +
        "--out ./data/parquet",
    );
    return full.status === "succeeded" && delta.status === "succeeded" ? 0 : 1;
  } finally {
    await sim.close();
  }
}

async function freshPool(poolPath: string): Promise<void> {
  await mkdir(path.dirname(poolPath), { recursive: true });
  for (const file of [poolPath, `${poolPath}.wal`]) {
    await rm(file, { force: true });
  }
}

async function extract(
  sim: RunningSimulator,
  poolPath: string,
  mode: ExtractionMode,
): Promise<RunReport> {
  console.log(mode === "full" ? "Full load:" : "Delta (changes only):");
  const display = new ProgressDisplay(process.stdout, {
    plainIntervalMs: 2_000,
  });
  const handle = startExtraction({
    connection: demoConnection(sim),
    poolPath,
    tables: DEMO_TABLES.map(demoTable),
    mode,
    // The simulator's clock is this machine's: no margin needed.
    safetyMarginMs: 0,
    logger: pino({ level: "warn" }, pino.destination(2)),
  });
  handle.on("progress", (progress) => display.update(progress));
  const report = await handle.result;
  display.finish();
  return report;
}

function demoConnection(sim: RunningSimulator) {
  return parseConnectionConfig(
    {
      name: "demo",
      host: sim.baseUrl,
      auth: {
        type: "oauth",
        clientId: sim.clientId,
        clientSecret: sim.clientSecret,
      },
    },
    { tables: DEMO_TABLES },
  );
}

function demoTable(resource: string): TableSettings {
  return {
    resource,
    target: resource,
    filter: [],
    pseudonymize: resource === "users" ? ["email"] : [],
    lookbackMs: 3_600_000,
    detectDeletes: resource === "invoices",
    drift: "evolve",
  };
}

function summarizePace(report: RunReport): void {
  const seconds = report.durationMs / 1000;
  const perSecond = report.totals.requests / seconds;
  console.log(
    `Paced at ${perSecond.toFixed(1)} requests/s against Coupa's 25/s, ` +
      `${report.totals.throttled} answered 429; every page committed with ` +
      "its checkpoint, so a killed run resumes where it stopped.\n",
  );
}

async function changeCoupa(sim: RunningSimulator): Promise<void> {
  const updated = sim.data.update("invoices", 40, { touchLines: true });
  const inserted = sim.data.insert("invoices", 15);
  const removed = sim.data.remove("invoices", 5);
  const suppliers = sim.data.update("suppliers", 3);
  console.log(
    `Changing Coupa: ${updated.ids.length} invoices updated (lines added, ` +
      `removed or changed), ${inserted.ids.length} created, ` +
      `${removed.ids.length} deleted, ${suppliers.ids.length} suppliers ` +
      "updated.\n",
  );
  // Coupa's timestamps have whole seconds: let the clock pass the second
  // of the changes so the delta's window (up to now) includes them.
  await new Promise((resolve) => setTimeout(resolve, 1_100));
}

async function sampleQuery(
  sim: RunningSimulator,
  poolPath: string,
): Promise<void> {
  const reader = await PoolReader.open(poolPath);
  try {
    const rows = await reader.query(
      "SELECT supplier_name AS supplier, count(*) AS invoices, " +
        "CAST(sum(gross_total) AS DECIMAL(18, 2)) AS total FROM invoices " +
        "WHERE _deleted_at IS NULL GROUP BY 1 ORDER BY total DESC LIMIT 5",
    );
    console.log("Top 5 suppliers by invoiced total:");
    console.table(rows);
    await compareCounts(sim, reader);
  } finally {
    await reader.close();
  }
}

async function compareCounts(
  sim: RunningSimulator,
  reader: PoolReader,
): Promise<void> {
  const invoices = [...sim.data.groundTruth("invoices")];
  const lines = invoices.reduce(
    (total, invoice) =>
      total +
      ((invoice["invoice-lines"] as unknown[] | undefined) ?? []).length,
    0,
  );
  const [pool] = await reader.query(
    "SELECT (SELECT count(*) FROM invoices WHERE _deleted_at IS NULL) AS " +
      "invoices, (SELECT count(*) FROM invoices__invoice_lines) AS lines, " +
      "(SELECT count(*) FROM suppliers WHERE _deleted_at IS NULL) AS suppliers",
  );
  const suppliers = [...sim.data.groundTruth("suppliers")].length;
  console.log(
    `\nPool vs Coupa: ${Number(pool?.invoices)} vs ${invoices.length} ` +
      `invoices, ${Number(pool?.lines)} vs ${lines} invoice lines, ` +
      `${Number(pool?.suppliers)} vs ${suppliers} suppliers.`,
  );
}
