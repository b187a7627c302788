import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { AgentStatus } from "../../src/agent/agent-status.js";
import {
  type RunningSimulator,
  startSimulator,
} from "../../src/simulator/start-simulator.js";
import { AgentHarness } from "../agent/agent-harness.js";
import {
  type Answer,
  startTestServer,
  type TestServer,
} from "./test-server.js";

describe("agents in the REST API", () => {
  let sim: RunningSimulator;
  let ts: TestServer;
  let url: string;
  let poolId: string;
  const agents = new AgentHarness();
  const createdTokens: string[] = [];
  const creationAnswers = new Set<Answer>();

  beforeAll(async () => {
    sim = await startSimulator({ size: 10, rateLimit: false });
    ts = await startTestServer();
    url = await ts.server.listen({ port: 0 });
    poolId = (await ts.call("POST", "/api/pools", { name: "P2P" })).json().id;
  });

  afterEach(() => agents.stopAll());

  afterAll(async () => {
    await agents.stopAll();
    await ts?.dispose();
    await sim?.close();
  });

  async function createAgent(name: string, host?: string) {
    const answer = await ts.call("POST", "/api/agents", { name, host });
    creationAnswers.add(answer);
    expect(answer.status).toBe(201);
    const created = answer.json();
    createdTokens.push(created.token);
    return created as { id: string; token: string; command: string };
  }

  const uplinked = (agent: unknown) => ({
    name: "behind the firewall",
    mode: "uplinked",
    agent,
    host: sim.baseUrl,
    auth: {
      type: "oauth",
      clientId: sim.clientId,
      clientSecret: sim.clientSecret,
    },
  });

  async function createConnection(agentId: string) {
    const answer = await ts.call(
      "POST",
      `/api/pools/${poolId}/connections`,
      uplinked(agentId),
    );
    expect(answer.status).toBe(201);
    return answer.json().id as string;
  }

  function online(agentId: string): Promise<AgentStatus> {
    const hub = ts.server.hub;
    return new Promise((resolve) => {
      const check = () => {
        const status = hub.status(agentId);
        if (status?.state !== "online") return;
        hub.off("status", check);
        resolve(status);
      };
      hub.on("status", check);
      check();
    });
  }

  const coupaRequests = () => sim.admin.requestLog().length;

  it("creates an agent and shows its token and start command once", async () => {
    const created = await createAgent("dc1", sim.baseUrl);

    expect(created.token).toMatch(/^cxa_[A-Za-z0-9_-]{43}$/);
    expect(created.command).toBe(
      `coupa-extractor agent --server ${url} --token ${created.token} ` +
        "--allow-host 127.0.0.1",
    );
    const got = await ts.call("GET", `/api/agents/${created.id}`);
    expect(got.json()).toMatchObject({
      id: created.id,
      name: "dc1",
      state: "offline",
      version: null,
      lastSeenAt: null,
      inFlight: 0,
      revokedAt: null,
    });
    expect(got.json()).not.toHaveProperty("token");
  });

  it("lists agents with their status and without tokens", async () => {
    const created = await createAgent("dc2");
    const list = await ts.call("GET", "/api/agents");

    expect(list.status).toBe(200);
    const listed = list.json().find((a: { id: string }) => a.id === created.id);
    expect(listed).toMatchObject({ name: "dc2", state: "offline" });
    expect(typeof listed.offlineSince).toBe("string");
    for (const agent of list.json()) expect(agent).not.toHaveProperty("token");
  });

  it("answers 404 for an unknown agent", async () => {
    for (const method of ["GET", "DELETE"]) {
      const answer = await ts.call(method, "/api/agents/no-such-agent");
      expect(answer.status, method).toBe(404);
      expect(answer.json().error.code).toBe("NOT_FOUND");
    }
  });

  it("answers 401 on the agent routes without an API token", async () => {
    const created = await createAgent("dc3");
    const routes = [
      ["POST", "/api/agents"],
      ["GET", "/api/agents"],
      ["GET", `/api/agents/${created.id}`],
      ["DELETE", `/api/agents/${created.id}`],
    ] as const;
    for (const [method, route] of routes) {
      const response = await ts.server.app.inject({
        method,
        url: route,
        ...(method === "POST" ? { payload: { name: "x" } } : {}),
      });
      expect(response.statusCode, `${method} ${route}`).toBe(401);
    }
    const after = await ts.call("GET", `/api/agents/${created.id}`);
    expect(after.json().state).toBe("offline");
  });

  it("rejects an agent token as the API token", async () => {
    const created = await createAgent("dc4");
    const response = await ts.server.app.inject({
      url: "/api/agents",
      headers: { authorization: `Bearer ${created.token}` },
    });
    expect(response.statusCode).toBe(401);
  });

  it("names the agent field when an Uplinked connection has no usable agent", async () => {
    const revoked = await createAgent("gone");
    await ts.call("DELETE", `/api/agents/${revoked.id}`);

    for (const agent of [undefined, "no-such-agent", revoked.id]) {
      const answer = await ts.call(
        "POST",
        `/api/pools/${poolId}/connections`,
        uplinked(agent),
      );
      expect(answer.status, String(agent)).toBe(400);
      expect(answer.json().error.code).toBe("VALIDATION");
      expect(answer.json().error.field).toBe("agent");
    }
  });

  it("revokes an agent: it leaves the list, shows as revoked and is disconnected", async () => {
    const created = await createAgent("revoked");
    const agent = agents.start({ server: url, token: created.token });
    await online(created.id);

    const revoked = await ts.call("DELETE", `/api/agents/${created.id}`);

    expect(revoked.status).toBe(204);
    const got = (await ts.call("GET", `/api/agents/${created.id}`)).json();
    expect(got.state).toBe("revoked");
    expect(typeof got.revokedAt).toBe("string");
    const list = (await ts.call("GET", "/api/agents")).json();
    expect(list.map((a: { id: string }) => a.id)).not.toContain(created.id);
    await expect(agent.done).rejects.toThrow(/revoked/i);
  });

  it("tests an Uplinked connection whose agent is offline with the agent check alone", async () => {
    const created = await createAgent("sleeping");
    const connectionId = await createConnection(created.id);
    const before = coupaRequests();

    const saved = await ts.call(
      "POST",
      `/api/connections/${connectionId}/test`,
      { tables: ["invoices"] },
    );
    const unsaved = await ts.call("POST", "/api/connection-test", {
      ...uplinked(created.id),
      tables: ["invoices"],
    });

    for (const answer of [saved, unsaved]) {
      expect(answer.status).toBe(200);
      const report = answer.json();
      expect(report.ok).toBe(false);
      expect(report.checks).toHaveLength(1);
      expect(report.checks[0]).toMatchObject({ name: "agent", status: "fail" });
      expect(report.checks[0].detail).toMatch(
        /^Agent sleeping offline since \d{4}-\d\d-\d\dT/,
      );
      expect(report.checks[0].fix).toContain(
        `coupa-extractor agent --server ${url}`,
      );
    }
    expect(coupaRequests()).toBe(before);
  });

  it("tests an Uplinked connection through its online agent and shows the agent's status", async () => {
    const created = await createAgent("awake");
    const connectionId = await createConnection(created.id);
    agents.start({ server: url, token: created.token });
    await online(created.id);
    const before = coupaRequests();

    const report = (
      await ts.call("POST", `/api/connections/${connectionId}/test`, {
        tables: ["invoices"],
      })
    ).json();
    const connection = (
      await ts.call("GET", `/api/connections/${connectionId}`)
    ).json();

    expect(report.ok).toBe(true);
    const statuses = Object.fromEntries(
      report.checks.map((c: { name: string; status: string }) => [
        c.name,
        c.status,
      ]),
    );
    expect(report.checks[0].name).toBe("agent");
    expect(statuses).toMatchObject({
      agent: "pass",
      auth: "pass",
      "table:invoices": "pass",
    });
    expect(coupaRequests()).toBeGreaterThan(before);
    expect(connection.agent).toBe(created.id);
    expect(connection.agentStatus).toMatchObject({
      id: created.id,
      name: "awake",
      state: "online",
    });
  });

  it("never shows an agent token after its creation, nor logs one", () => {
    expect(createdTokens.length).toBeGreaterThan(5);
    const later = ts.answers.filter((answer) => !creationAnswers.has(answer));
    expect(later.length).toBeGreaterThan(10);
    const log = ts.logLines.join("\n");
    for (const token of createdTokens) {
      for (const answer of later) expect(answer.body).not.toContain(token);
      expect(log).not.toContain(token);
    }
  });
});
