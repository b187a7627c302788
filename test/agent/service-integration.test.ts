import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AgentHub } from "../../src/agent/agent-hub.js";
import { DirectTransport } from "../../src/coupa/direct-transport.js";
import {
  type CoupaExtractorServer,
  createServer,
} from "../../src/server/create-server.js";
import {
  type RunningSimulator,
  startSimulator,
} from "../../src/simulator/start-simulator.js";
import { AgentHarness } from "./agent-harness.js";

const AGENT_ADDRESS = "127.0.0.5";

let sim: RunningSimulator;
let server: CoupaExtractorServer;
let hub: AgentHub;
let dataDir: string;
let apiToken: string;
const agents = new AgentHarness();

beforeAll(async () => {
  sim = await startSimulator({
    size: 60,
    rateLimit: false,
    ipAllowlist: [AGENT_ADDRESS],
  });
  dataDir = await mkdtemp(path.join(tmpdir(), "uplink-service-"));
  server = await createServer({
    dataDir,
    logger: pino({ level: "silent" }),
    scheduler: { autoStart: false },
    webRoot: null,
    env: {},
  });
  await server.listen({ port: 0 });
  hub = server.hub;
  apiToken = server.tokens.create("test").token;
});

afterAll(async () => {
  await agents.stopAll();
  await server?.close();
  await sim?.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function api(method: string, url: string, body?: unknown) {
  const response = await server.app.inject({
    method: method as "GET",
    url,
    headers: { authorization: `Bearer ${apiToken}` },
    ...(body === undefined ? {} : { payload: body as object }),
  });
  return { status: response.statusCode, json: () => response.json() };
}

describe("the service with the hub mounted", () => {
  it("runs a job of an Uplinked connection through an agent connected to the service's own port", async () => {
    const agent = hub.registry.create("dc1");
    agents.start({
      server: hub.publicUrl,
      token: agent.token,
      transport: new DirectTransport({ localAddress: AGENT_ADDRESS }),
    });
    await new Promise<void>((resolve) => {
      const check = () => hub.status(agent.id)?.state === "online";
      if (check()) resolve();
      hub.on("status", () => check() && resolve());
    });

    const pool = (await api("POST", "/api/pools", { name: "P2P" })).json();
    const connection = await api("POST", `/api/pools/${pool.id}/connections`, {
      name: "behind the firewall",
      mode: "uplinked",
      agent: agent.id,
      host: sim.baseUrl,
      auth: {
        type: "oauth",
        clientId: sim.clientId,
        clientSecret: sim.clientSecret,
      },
    });
    expect(connection.status).toBe(201);
    const job = await api("POST", `/api/pools/${pool.id}/jobs`, {
      name: "first load",
      connectionId: connection.json().id,
      tables: { invoices: {}, suppliers: {} },
      mode: "full",
      schedule: null,
      enabled: true,
    });
    const started = await api("POST", `/api/jobs/${job.json().id}/runs`);
    expect(started.status).toBe(202);

    const run = await waitForRun(started.json().id);
    const tables = (await api("GET", `/api/pools/${pool.id}/tables`)).json();
    const rows = new Map(
      tables.map((t: { name: string; rows: number }) => [t.name, t.rows]),
    );

    expect(run.status).toBe("succeeded");
    expect(rows.get("invoices")).toBe(
      [...sim.data.groundTruth("invoices")].length,
    );
    expect(rows.get("suppliers")).toBe(
      [...sim.data.groundTruth("suppliers")].length,
    );
    const sources = new Set(sim.admin.requestLog().map((e) => e.sourceAddress));
    expect(sources).toEqual(new Set([AGENT_ADDRESS]));
  });
});

async function waitForRun(runId: string) {
  for (;;) {
    const run = (await api("GET", `/api/runs/${runId}`)).json();
    if (!["queued", "running"].includes(run.status)) return run;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
