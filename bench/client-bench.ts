/**
 * How close the Coupa client gets to Coupa's rate limit without being
 * throttled: a simulator at Coupa's limits (25 requests/s, burst 20) and
 * Coupa-like latency (300 ms + 2 ms per record), the client with default
 * settings reading 500 pages of 50 records.
 *
 * Run: npx tsx bench/client-bench.ts
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { pathToFileURL } from "node:url";
import { connectionConfigSchema } from "../src/connection/connection-config-schema.js";
import { CoupaClient } from "../src/coupa/coupa-client.js";
import { RateLimiter } from "../src/coupa/rate-limiter.js";

/** Figures of one benchmark run. */
export interface ClientBenchResult {
  /** Pages read per second, from the first request to the last answer. */
  requestsPerSecond: number;
  /** `requestsPerSecond` as a share of Coupa's 25/s. */
  shareOfLimit: number;
  /** Share of all requests Coupa answered 429. */
  throttledShare: number;
  /** List requests sent (retries included). */
  requests: number;
}

const COUPA_LIMIT = 25;
const PAGES = 500;
const PAGE_SIZE = 50;
// A few fields per record: the benchmark measures pacing against Coupa's
// limit, and full invoices would measure this machine's CPU instead (the
// simulator builds every page on the same two cores as the client).
const FIELDS = JSON.stringify(["id", "invoice_number", "updated_at"]);

/** Runs the benchmark once and returns its figures. */
export async function runClientBench(): Promise<ClientBenchResult> {
  const sim = await startSimulatorProcess();
  try {
    const connection = connectionConfigSchema.parse({
      name: "bench",
      host: sim.baseUrl,
      auth: {
        type: "oauth",
        clientId: sim.clientId,
        clientSecret: sim.clientSecret,
      },
    });
    const client = new CoupaClient({
      connection,
      rateLimiter: new RateLimiter({
        requestsPerSecond: connection.requestsPerSecond,
        burst: connection.burst,
      }),
    });
    await client.authenticate();
    // Let the token request leave Coupa's bucket, as in a long run.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await admin(sim, "DELETE");

    const started = performance.now();
    await Promise.all(
      Array.from({ length: PAGES }, (_, i) =>
        client.getPage("/api/invoices", [
          ["order_by", "id"],
          ["offset", String((i % 30) * PAGE_SIZE)],
          ["limit", String(PAGE_SIZE)],
          ["fields", FIELDS],
        ]),
      ),
    );
    const seconds = (performance.now() - started) / 1000;
    await client.close();

    const log = (await admin(sim, "GET")) as Array<{ status: number | null }>;
    const throttled = log.filter((entry) => entry.status === 429).length;
    const requestsPerSecond = PAGES / seconds;
    return {
      requestsPerSecond,
      shareOfLimit: requestsPerSecond / COUPA_LIMIT,
      throttledShare: throttled / log.length,
      requests: log.length,
    };
  } finally {
    sim.stop();
  }
}

interface SimulatorProcess {
  baseUrl: string;
  adminUrl: string;
  adminToken: string;
  clientId: string;
  clientSecret: string;
  stop(): void;
}

// Coupa is not in our process: the simulator runs in its own, so its
// work does not delay the client's timers (and the other way round).
const SIMULATOR_SCRIPT = `
import { startSimulator } from "./src/simulator/start-simulator.ts";
const sim = await startSimulator({
  size: 2000, rps: ${COUPA_LIMIT}, burst: 20,
  latencyMs: 300, latencyPerRecordMs: 2,
});
const { baseUrl, adminUrl, adminToken, clientId, clientSecret } = sim;
console.log(JSON.stringify({ baseUrl, adminUrl, adminToken, clientId, clientSecret }));
process.on("SIGTERM", () => sim.close().then(() => process.exit(0)));
`;

async function startSimulatorProcess(): Promise<SimulatorProcess> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "--input-type=module", "-e", SIMULATOR_SCRIPT],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  const [line] = (await once(
    createInterface({ input: child.stdout }),
    "line",
  )) as [string];
  return { ...JSON.parse(line), stop: () => child.kill("SIGTERM") };
}

async function admin(sim: SimulatorProcess, method: "GET" | "DELETE") {
  const response = await fetch(`${sim.adminUrl}/requests`, {
    method,
    headers: { authorization: `Bearer ${sim.adminToken}` },
  });
  return method === "GET" ? response.json() : undefined;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const result = await runClientBench();
  console.log(
    `${result.requests} requests, ${result.requestsPerSecond.toFixed(2)} ` +
      `pages/s = ${(result.shareOfLimit * 100).toFixed(1)}% of ` +
      `${COUPA_LIMIT}/s, ${(result.throttledShare * 100).toFixed(2)}% ` +
      "throttled (429)",
  );
}
