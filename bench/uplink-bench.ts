/**
 * Uplinked against Direct throughput on the same data in the same run:
 * the simulator at Coupa's limits (25 requests/s, burst 20) with Coupa's
 * latency (300 ms + 2 ms per record); all invoices read once directly and
 * once through an in-process agent over loopback, with the same client
 * settings. Alternates the two `rounds` times and compares the total
 * records per second. Run: `npx tsx bench/uplink-bench.ts [extraction]`.
 *
 * `client` (default) reads like the extractor does, by keyset over id
 * partitions with one `CoupaClient`, and isolates the transport's cost;
 * `extraction` runs a full `startExtraction` into a DuckDB pool.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pino from "pino";
import { AgentHub } from "../src/agent/agent-hub.js";
import { HostAllowlist } from "../src/agent/host-allowlist.js";
import { MemoryAgentRegistry } from "../src/agent/memory-agent-registry.js";
import { runAgent } from "../src/agent/run-agent.js";
import type { ConnectionConfig } from "../src/connection/connection-config-schema.js";
import { parseConnectionConfig } from "../src/connection/parse-connection-config.js";
import { CoupaClient } from "../src/coupa/coupa-client.js";
import { DirectTransport } from "../src/coupa/direct-transport.js";
import type { Transport } from "../src/coupa/transport.js";
import { startExtraction } from "../src/extract/start-extraction.js";
import { startSimulator } from "../src/simulator/start-simulator.js";

/** Settings of the benchmark. */
export interface UplinkBenchOptions {
  /** Invoices in the tenant. Default 4000 (80 pages). */
  readonly size?: number;
  /** Direct/Uplinked pairs run. Default 2. */
  readonly rounds?: number;
  /** What reads the data; see the file's comment. Default `client`. */
  readonly engine?: "client" | "extraction";
}

/** Runs the benchmark; see the file's comment. */
export async function runUplinkBench(
  options: UplinkBenchOptions = {},
): Promise<{
  directRecordsPerSecond: number;
  uplinkedRecordsPerSecond: number;
  ratio: number;
}> {
  const sim = await startSimulator({
    size: options.size ?? 4000,
    rateLimit: true,
    rps: 25,
    burst: 20,
    latencyMs: 300,
    latencyPerRecordMs: 2,
  });
  const dir = await mkdtemp(path.join(tmpdir(), "uplink-bench-"));
  const service = await startService();
  const registry = service.hub.registry;
  const agent = registry.create("bench-agent");
  const upstream = new DirectTransport();
  const running = runAgent({
    server: service.url,
    token: agent.token,
    allowlist: new HostAllowlist([new URL(sim.baseUrl).host]),
    transport: upstream,
    logger: pino({ level: "silent" }),
  });
  const connection = parseConnectionConfig({
    name: "bench",
    host: sim.baseUrl,
    auth: {
      type: "oauth",
      clientId: sim.clientId,
      clientSecret: sim.clientSecret,
    },
  });

  try {
    await waitOnline(service.hub, agent.id);
    const idRange = sim.data.idRange("invoices") ?? { min: 1, max: 0 };
    const readOnce = (transport: Transport) =>
      options.engine === "extraction"
        ? extractOnce(connection, dir, transport)
        : readWithClient(connection, transport, idRange);
    const totals = { direct: measure(), uplinked: measure() };
    for (let round = 0; round < (options.rounds ?? 2); round += 1) {
      const direct = new DirectTransport();
      totals.direct.add(await readOnce(direct));
      await direct.close();
      await settle();
      totals.uplinked.add(await readOnce(service.hub.transportFor(agent.id)));
      await settle();
    }
    const directRecordsPerSecond = totals.direct.rate();
    const uplinkedRecordsPerSecond = totals.uplinked.rate();
    return {
      directRecordsPerSecond,
      uplinkedRecordsPerSecond,
      ratio: uplinkedRecordsPerSecond / directRecordsPerSecond,
    };
  } finally {
    await running.stop();
    await upstream.close();
    await service.close();
    await sim.close();
    await rm(dir, { recursive: true, force: true });
  }
}

async function extractOnce(
  connection: ConnectionConfig,
  dir: string,
  transport: Transport,
): Promise<{ rows: number; ms: number }> {
  const poolPath = path.join(dir, `${Math.random().toString(36)}.duckdb`);
  const report = await startExtraction({
    connection,
    poolPath,
    tables: [
      {
        resource: "invoices",
        target: "invoices",
        filter: [],
        pseudonymize: [],
        lookbackMs: 3_600_000,
        detectDeletes: false,
        drift: "evolve",
      },
    ],
    mode: "full",
    transport,
  }).result;
  if (report.status !== "succeeded") {
    throw new Error(`bench run failed: ${JSON.stringify(report.tables)}`);
  }
  return { rows: report.totals.rows, ms: report.durationMs };
}

async function readWithClient(
  connection: ConnectionConfig,
  transport: Transport,
  ids: { min: number; max: number },
): Promise<{ rows: number; ms: number }> {
  const client = new CoupaClient({ connection, transport });
  const started = performance.now();
  const partitions = connection.maxParallelRequests;
  const span = Math.ceil((ids.max - ids.min + 1) / partitions);
  const counts = await Promise.all(
    Array.from({ length: partitions }, (_, i) => {
      const low = ids.min + i * span;
      return readPartition(client, low - 1, Math.min(ids.max, low + span - 1));
    }),
  );
  const ms = performance.now() - started;
  if (process.env.BENCH_DEBUG)
    console.error(JSON.stringify({ ms, stats: client.stats() }));
  await client.close();
  return { rows: counts.reduce((a, b) => a + b, 0), ms };
}

async function readPartition(
  client: CoupaClient,
  after: number,
  last: number,
): Promise<number> {
  let rows = 0;
  for (let cursor = after; cursor < last; ) {
    const page = await client.getPage("/api/invoices", [
      ["order_by", "id"],
      ["dir", "asc"],
      ["id[gt]", String(cursor)],
      ["id[lt_or_eq]", String(last)],
      ["limit", "50"],
    ]);
    rows += page.records.length;
    if (page.records.length < 50) break;
    cursor = Number(page.records.at(-1)?.id);
  }
  return rows;
}

function measure() {
  let rows = 0;
  let ms = 0;
  return {
    add(run: { rows: number; ms: number }) {
      rows += run.rows;
      ms += run.ms;
    },
    rate: () => Math.round((rows / ms) * 1000),
  };
}

// Lets the simulator's leaky bucket drain so each run starts alike.
function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 2000));
}

async function startService() {
  const server = createServer((_req, res) => res.writeHead(404).end());
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const hub = new AgentHub({
    registry: new MemoryAgentRegistry(),
    publicUrl: url,
  });
  hub.attach(server);
  return {
    hub,
    url,
    close: async () => {
      await hub.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

function waitOnline(hub: AgentHub, agentId: string): Promise<void> {
  if (hub.status(agentId)?.state === "online") return Promise.resolve();
  return new Promise((resolve) => {
    hub.on("status", (status) => {
      if (status.agentId === agentId && status.state === "online") resolve();
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const engine = process.argv[2] === "extraction" ? "extraction" : "client";
  const result = await runUplinkBench({ engine });
  console.log(JSON.stringify(result));
  console.log(
    `Direct ${result.directRecordsPerSecond} records/s, Uplinked ` +
      `${result.uplinkedRecordsPerSecond} records/s: ` +
      `${(result.ratio * 100).toFixed(1)}% of Direct (goal ≥ 95%).`,
  );
}
