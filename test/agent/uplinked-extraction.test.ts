import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { checkAgent } from "../../src/agent/check-agent.js";
import { parseConnectionConfig } from "../../src/connection/parse-connection-config.js";
import { testConnection } from "../../src/connection/test-connection.js";
import { CoupaClient } from "../../src/coupa/coupa-client.js";
import { DirectTransport } from "../../src/coupa/direct-transport.js";
import { IpNotAllowlistedError } from "../../src/coupa/errors/ip-not-allowlisted-error.js";
import { TransportError } from "../../src/coupa/transport.js";
import { startExtraction } from "../../src/extract/start-extraction.js";
import type { TableSettings } from "../../src/normalize/table-settings.js";
import {
  type RunningSimulator,
  startSimulator,
} from "../../src/simulator/start-simulator.js";
import { AgentHarness } from "./agent-harness.js";
import { type AgentProcess, startAgentProcess } from "./agent-process.js";
import { type HubHarness, startHub } from "./hub-harness.js";
import { expectedSnapshot, poolSnapshot } from "./pool-truth.js";
import { readAllPages } from "./read-all-pages.js";

/** The only source address the tenant admits: the agent binds to it. */
const AGENT_ADDRESS = "127.0.0.5";

let sim: RunningSimulator;
let service: HubHarness;
let dir: string;
const agents = new AgentHarness();
const processes: AgentProcess[] = [];

beforeAll(async () => {
  sim = await startSimulator({
    size: 150,
    rateLimit: false,
    ipAllowlist: [AGENT_ADDRESS],
  });
  service = await startHub();
  dir = await mkdtemp(path.join(tmpdir(), "uplink-test-"));
});

afterEach(async () => {
  await agents.stopAll();
  for (const agent of processes.splice(0)) await agent.kill("SIGKILL");
});

afterAll(async () => {
  await service.close();
  await sim.close();
  await rm(dir, { recursive: true, force: true });
});

function connection(mode: "direct" | "uplinked", agent?: string) {
  return parseConnectionConfig({
    name: "acme behind a firewall",
    mode,
    agent,
    host: sim.baseUrl,
    auth: {
      type: "oauth",
      clientId: sim.clientId,
      clientSecret: sim.clientSecret,
    },
    maxParallelRequests: 8,
  });
}

function table(resource: string): TableSettings {
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

async function inProcessAgent(name: string, allow = ["127.0.0.1"]) {
  const created = service.registry.create(name);
  agents.start({
    server: service.url,
    token: created.token,
    transport: new DirectTransport({ localAddress: AGENT_ADDRESS }),
    allow,
  });
  await service.online(created.id);
  return created;
}

async function expectPoolEqualsTruth(poolPath: string): Promise<void> {
  expect(await poolSnapshot(poolPath, "invoices", "invoice-lines")).toEqual(
    expectedSnapshot(sim.data, "invoices", "invoice-lines"),
  );
  expect(await poolSnapshot(poolPath, "suppliers")).toEqual(
    expectedSnapshot(sim.data, "suppliers"),
  );
}

describe("an Uplinked connection to a tenant that admits only the agent", () => {
  it("fails as Direct from this machine with the IP-not-allowlisted error", async () => {
    const client = new CoupaClient({ connection: connection("direct") });
    try {
      const failure = await client
        .getPage("/api/invoices", [["limit", "1"]])
        .catch((e) => e);
      expect(failure).toBeInstanceOf(IpNotAllowlistedError);
      expect(failure.message).toContain("not allowlisted");
    } finally {
      await client.close();
    }
  });

  it("extracts everything through the agent, equal to the tenant's ground truth", async () => {
    const agent = await inProcessAgent("dc1");
    const poolPath = path.join(dir, "uplinked.duckdb");

    const report = await startExtraction({
      connection: connection("uplinked", agent.id),
      poolPath,
      tables: [table("invoices"), table("suppliers")],
      mode: "full",
      safetyMarginMs: 0,
      transport: service.hub.transportFor(agent.id),
    }).result;

    expect(report.tables.map((t) => t.error)).toEqual([undefined, undefined]);
    expect(report.status).toBe("succeeded");
    await expectPoolEqualsTruth(poolPath);
    const sources = sim.admin.requestLog().map((entry) => entry.sourceAddress);
    expect(new Set(sources)).toContain(AGENT_ADDRESS);
  });

  it("passes the connection test through the agent, agent check first", async () => {
    const agent = await inProcessAgent("tested");

    const first = checkAgent(service.hub, agent.id);
    const report = await testConnection(connection("uplinked", agent.id), {
      tables: ["invoices", "suppliers"],
      transport: service.hub.transportFor(agent.id),
    });

    expect(first.status).toBe("pass");
    expect(report.ok).toBe(true);
    const statuses = new Map(report.checks.map((c) => [c.name, c.status]));
    expect(statuses.get("dns")).toBe("skip");
    expect(statuses.get("auth")).toBe("pass");
    expect([...statuses.values()]).not.toContain("fail");
  });

  it("refuses a Coupa host outside the agent's allowlist with a clear error", async () => {
    const agent = await inProcessAgent("strict", ["acme.coupahost.com"]);
    const client = new CoupaClient({
      connection: connection("uplinked", agent.id),
      transport: service.hub.transportFor(agent.id),
    });
    try {
      const failure = await client
        .getPage("/api/invoices", [["limit", "1"]])
        .catch((e) => e);
      const cause = findTransportError(failure);
      expect(cause?.kind).toBe("refused");
      expect(String(failure.message)).toContain(
        "host 127.0.0.1 is not in the agent's allowlist",
      );
      expect(String(failure.message)).toContain("--allow-host 127.0.0.1");
    } finally {
      await client.close();
    }
  });

  it("reads every page equal to ground truth through the agent", async () => {
    const agent = await inProcessAgent("pages");
    const client = new CoupaClient({
      connection: connection("uplinked", agent.id),
      transport: service.hub.transportFor(agent.id),
    });
    try {
      const [invoices, suppliers] = await Promise.all([
        readAllPages(client, "invoices"),
        readAllPages(client, "suppliers"),
      ]);
      expect(invoices).toEqual([...sim.data.groundTruth("invoices")]);
      expect(suppliers).toEqual([...sim.data.groundTruth("suppliers")]);
    } finally {
      await client.close();
    }
  });

  it("completes the run when the agent process is killed and restarted mid-run", async () => {
    const created = service.registry.create("killed");
    const args = [
      "--server",
      service.url,
      "--allow-host",
      "127.0.0.1",
      "--source-address",
      AGENT_ADDRESS,
    ];
    let onlines = 0;
    service.hub.on("status", (status) => {
      if (status.agentId === created.id && status.state === "online") {
        onlines += 1;
      }
    });
    processes.push(startAgentProcess(args, created.token));
    await service.online(created.id);
    sim.admin.setSwitches({ latencyMs: 100 });
    const poolPath = path.join(dir, "killed.duckdb");
    const answeredBefore = sim.admin
      .requestLog()
      .filter((e) => e.path.startsWith("/api/") && e.status === 200).length;

    const run = startExtraction({
      connection: connection("uplinked", created.id),
      poolPath,
      tables: [table("invoices"), table("suppliers")],
      mode: "full",
      safetyMarginMs: 0,
      transport: service.hub.transportFor(created.id),
    });
    // Killed once Coupa has answered some list requests and while others
    // are in flight, so those must be sent again through the new agent.
    const apiAnswers = () =>
      sim.admin
        .requestLog()
        .filter((e) => e.path.startsWith("/api/") && e.status === 200).length -
      answeredBefore;
    let answeredAtKill = 0;
    const watch = setInterval(() => {
      const inFlight = service.hub.status(created.id)?.inFlight ?? 0;
      if (inFlight === 0 || apiAnswers() < 2) return;
      clearInterval(watch);
      answeredAtKill = apiAnswers();
      void (processes[0] as AgentProcess).kill("SIGKILL").then(() => {
        processes.push(startAgentProcess(args, created.token));
      });
    }, 5);
    const report = await run.result.finally(() => {
      clearInterval(watch);
      sim.admin.setSwitches({ latencyMs: 0 });
    });

    expect(report.tables.map((t) => t.error)).toEqual([undefined, undefined]);
    expect(answeredAtKill).toBeGreaterThan(1);
    expect(apiAnswers()).toBeGreaterThan(answeredAtKill);
    expect(onlines).toBe(2);
    expect(report.status).toBe("succeeded");
    await expectPoolEqualsTruth(poolPath);
  });

  it("rejects a wrong token: the agent exits 1 and says to create a new token", async () => {
    const agent = startAgentProcess(
      ["--server", service.url, "--allow-host", "127.0.0.1"],
      "cxa_not-a-real-token",
    );
    processes.push(agent);

    expect(await agent.exited).toBe(1);
    expect(agent.stderr()).toContain("create a new agent token");
    expect(agent.stderr()).not.toContain("cxa_not-a-real-token");
  });
});

function findTransportError(error: unknown): TransportError | undefined {
  let current: unknown = error;
  while (current instanceof Error) {
    if (current instanceof TransportError) return current;
    current = current.cause;
  }
  return undefined;
}
