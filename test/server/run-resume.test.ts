import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  type RunningSimulator,
  startSimulator,
} from "../../src/simulator/start-simulator.js";
import { startTestServer, type TestServer } from "./test-server.js";

/** Resolves at the first progress event with a committed row. */
function firstRows(ts: TestServer, runId: string): Promise<void> {
  return new Promise((resolve) => {
    const stop = ts.server.runs.subscribe(runId, {
      progress: (progress) => {
        const tables = (progress as { tables: { rows: number }[] }).tables;
        if (tables.some((table) => table.rows > 0)) {
          stop();
          resolve();
        }
      },
      done: () => resolve(),
    });
  });
}

describe("runs against the simulator", () => {
  let sim: RunningSimulator;
  const servers: TestServer[] = [];

  beforeAll(async () => {
    // Enough invoices that pages are still unread when the first rows
    // (the table's first and last page, read while planning) are in.
    sim = await startSimulator({ size: 1000, rateLimit: false, latencyMs: 40 });
  });
  afterEach(async () => {
    for (const server of servers.splice(0)) await server.dispose();
  });
  afterAll(async () => {
    await sim?.close();
  });

  async function setUp(ts: TestServer) {
    const pool = (await ts.call("POST", "/api/pools", { name: "P2P" })).json();
    const connection = (
      await ts.call("POST", `/api/pools/${pool.id}/connections`, {
        name: "simulator",
        host: sim.baseUrl,
        // One request at a time, so the stop lands with pages still unread
        // and the next start has checkpoints to resume from.
        maxParallelRequests: 1,
        auth: {
          type: "oauth",
          clientId: sim.clientId,
          clientSecret: sim.clientSecret,
        },
      })
    ).json();
    const job = (
      await ts.call("POST", `/api/pools/${pool.id}/jobs`, {
        name: "invoices",
        connectionId: connection.id,
        tables: { invoices: {} },
        mode: "full",
      })
    ).json();
    return { pool, job };
  }

  async function invoiceIds(ts: TestServer, poolId: string) {
    const page = (
      await ts.call(
        "GET",
        `/api/pools/${poolId}/tables/invoices/rows?limit=1000&offset=0`,
      )
    ).json();
    return page.rows
      .map((row: { id: number }) => row.id)
      .sort((a: number, b: number) => a - b);
  }

  const truthIds = () =>
    [...sim.data.groundTruth("invoices")]
      .map((record) => record.id as number)
      .sort((a, b) => a - b);

  it("resumes a run cut off by a server stop and ends with every row once", async () => {
    const first = await startTestServer();
    const { pool, job } = await setUp(first);
    const run = (await first.call("POST", `/api/jobs/${job.id}/runs`)).json();
    await firstRows(first, run.id);
    await first.stop();

    const second = await startTestServer({ dataDir: first.dataDir });
    servers.push(second);
    const ended = await second.server.runs.settled(run.id);

    expect(ended.status, JSON.stringify(ended)).toBe("succeeded");
    expect(ended.attempts).toBe(2);
    const report = ended.report as { tables: { resumed: boolean }[] };
    expect(report.tables[0]?.resumed).toBe(true);
    expect(await invoiceIds(second, pool.id)).toEqual(truthIds());
  });
});
