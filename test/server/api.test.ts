import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type RunningSimulator,
  startSimulator,
} from "../../src/simulator/start-simulator.js";
import { FakeExtractions } from "./fake-extraction.js";
import { startTestServer, type TestServer } from "./test-server.js";

const API_KEY = "legacy-api-key-0123456789abcdef";

describe("REST API", () => {
  let sim: RunningSimulator;
  let ts: TestServer;
  let poolId: string;
  let connectionId: string;
  let agentToken: string;
  let agentId: string;

  const connectionBody = () => ({
    name: "acme simulator",
    mode: "direct",
    host: sim.baseUrl,
    auth: {
      type: "oauth",
      clientId: sim.clientId,
      clientSecret: sim.clientSecret,
    },
  });

  beforeAll(async () => {
    sim = await startSimulator({ size: 20, rateLimit: false });
    ts = await startTestServer({
      engine: { startExtraction: new FakeExtractions().startExtraction },
    });
    poolId = (await ts.call("POST", "/api/pools", { name: "P2P" })).json().id;
    const created = await ts.call(
      "POST",
      `/api/pools/${poolId}/connections`,
      connectionBody(),
    );
    expect(created.status).toBe(201);
    connectionId = created.json().id;
    const agent = await ts.call("POST", "/api/agents", { name: "plant-7" });
    agentToken = agent.json().token;
    agentId = agent.json().id;
  });

  afterAll(async () => {
    await ts?.dispose();
    await sim?.close();
  });

  describe("authentication", () => {
    it("answers /health without a token", async () => {
      const response = await ts.server.app.inject("/health");
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ status: "ok" });
    });

    it("answers 401 on every /api route without a token", async () => {
      const document = (await ts.call("GET", "/api/openapi.json")).json();
      const operations = Object.entries(document.paths).flatMap(
        ([path, methods]) =>
          Object.keys(methods as object).map((method) => ({ path, method })),
      );
      expect(operations.length).toBeGreaterThanOrEqual(25);

      for (const { path, method } of operations) {
        if (path === "/health") continue;
        const url = path.replace(/\{[^}]+\}/g, "x");
        const response = await ts.server.app.inject({
          method: method.toUpperCase() as "GET",
          url,
        });
        expect(response.statusCode, `${method} ${url}`).toBe(401);
        expect(response.json().error.code).toBe("UNAUTHENTICATED");
      }
    });

    it("answers 401 to an unknown or revoked token", async () => {
      const created = ts.server.tokens.create("short-lived");
      const call = (token: string) =>
        ts.server.app.inject({
          url: "/api/pools",
          headers: { authorization: `Bearer ${token}` },
        });

      expect((await call(created.token)).statusCode).toBe(200);
      expect(ts.server.tokens.revoke(created.id)).toBe(true);
      const revoked = await call(created.token);
      const unknown = await call("cxt_not-a-token");

      expect(revoked.statusCode).toBe(401);
      expect(revoked.json().error.message).toContain("unknown or revoked");
      expect(unknown.statusCode).toBe(401);
    });

    it("accepts ?token= only on the run events route", async () => {
      const response = await ts.server.app.inject(
        `/api/pools?token=${ts.token}`,
      );
      expect(response.statusCode).toBe(401);
    });
  });

  describe("request bodies", () => {
    it("answers 400 INVALID_JSON to a body that is not JSON", async () => {
      const response = await ts.server.app.inject({
        method: "POST",
        url: "/api/pools",
        headers: {
          authorization: `Bearer ${ts.token}`,
          "content-type": "application/json",
        },
        payload: "{ name: ",
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe("INVALID_JSON");
    });

    it("treats an empty JSON body as no body", async () => {
      const response = await ts.server.app.inject({
        method: "POST",
        url: "/api/pools",
        headers: {
          authorization: `Bearer ${ts.token}`,
          "content-type": "application/json",
        },
        payload: "",
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.field).toBe("name");
    });
  });

  describe("meta and OpenAPI", () => {
    it("lists API versions, resources with their scopes and clusters", async () => {
      const meta = (await ts.call("GET", "/api/meta")).json();
      expect(meta.apiVersions).toContain("R39");
      expect(meta.latestApiVersion).toBe("R39");
      expect(meta.resources).toContainEqual({
        name: "invoices",
        scope: "core.invoice.read",
      });
      expect(meta.clusters.map((c: { name: string }) => c.name)).toContain(
        "eu-1",
      );
      expect(meta.version).toMatch(/^\d+\.\d+\.\d+/);
    });

    it("describes every route and its body schema in the OpenAPI document", async () => {
      const document = (await ts.call("GET", "/api/openapi.json")).json();
      expect(document.openapi).toBe("3.1.0");
      expect(Object.keys(document.paths["/api/pools/{poolId}"])).toEqual([
        "get",
        "patch",
        "delete",
      ]);
      const createPool =
        document.paths["/api/pools"].post.requestBody.content[
          "application/json"
        ].schema;
      expect(createPool.properties.name.type).toBe("string");
      expect(document.paths["/api/runs/{runId}/events"]).toBeDefined();
    });
  });

  describe("data pools", () => {
    it("creates, lists, changes and deletes a pool", async () => {
      const created = await ts.call("POST", "/api/pools", {
        name: "Scratch",
        description: "for trying things",
      });
      expect(created.status).toBe(201);
      const id = created.json().id;

      const listed = (await ts.call("GET", "/api/pools")).json();
      expect(listed.map((p: { id: string }) => p.id)).toContain(id);
      const patched = await ts.call("PATCH", `/api/pools/${id}`, {
        description: "renamed",
      });
      expect(patched.json()).toMatchObject({
        name: "Scratch",
        description: "renamed",
      });
      expect((await ts.call("DELETE", `/api/pools/${id}`)).status).toBe(204);
      expect((await ts.call("GET", `/api/pools/${id}`)).status).toBe(404);
    });

    it("names the field at fault when a pool has no name", async () => {
      const answer = await ts.call("POST", "/api/pools", {
        name: "  ",
        colour: "red",
      });
      const { error } = answer.json();
      expect(answer.status).toBe(400);
      expect(error.code).toBe("VALIDATION");
      expect(error.fields.map((f: { path: string }) => f.path).sort()).toEqual([
        "colour",
        "name",
      ]);
      expect(error.message).toContain("name: Give the data pool a name.");
      expect(error.message).toContain("colour");
    });

    it("takes a DuckDB memory limit for a pool and names a bad one with the fix", async () => {
      const created = await ts.call("POST", "/api/pools", {
        name: "Laptop",
        memoryLimitMb: 128,
      });
      expect(created.status).toBe(201);
      expect(created.json().memoryLimitMb).toBe(128);
      const id = created.json().id;
      // No run yet, so no pool file: any limit of 64 MB or more will do.
      const lowered = await ts.call("PATCH", `/api/pools/${id}`, {
        memoryLimitMb: 64,
      });
      expect(lowered.json().memoryLimitMb).toBe(64);
      const reset = await ts.call("PATCH", `/api/pools/${id}`, {
        memoryLimitMb: null,
      });
      expect(reset.json().memoryLimitMb).toBeNull();
      const plain = await ts.call("POST", "/api/pools", { name: "Plain" });
      expect(plain.json().memoryLimitMb).toBeNull();

      for (const memoryLimitMb of [32, 100.5, "100"]) {
        const answer = await ts.call("POST", "/api/pools", {
          name: "Bad",
          memoryLimitMb,
        });
        expect(answer.status, String(memoryLimitMb)).toBe(400);
        const { error } = answer.json();
        expect(error.fields.map((f: { path: string }) => f.path)).toEqual([
          "memoryLimitMb",
        ]);
        expect(error.message).toContain(
          "Give a whole number of MB, 64 or more, or null for the default (256).",
        );
      }
    });

    it("answers 404 with the id for unknown pools", async () => {
      for (const [method, url] of [
        ["GET", "/api/pools/pool_nope"],
        ["PATCH", "/api/pools/pool_nope"],
        ["DELETE", "/api/pools/pool_nope"],
        ["GET", "/api/pools/pool_nope/connections"],
        ["GET", "/api/pools/pool_nope/jobs"],
        ["GET", "/api/pools/pool_nope/runs"],
        ["GET", "/api/pools/pool_nope/tables"],
        ["GET", "/api/pools/pool_nope/tables/invoices/rows"],
      ] as const) {
        const answer = await ts.call(
          method,
          url,
          method === "PATCH" ? {} : undefined,
        );
        expect(answer.status, `${method} ${url}`).toBe(404);
        expect(answer.json().error.message).toContain('"pool_nope"');
      }
    });
  });

  describe("data connections", () => {
    it("shows the secret masked as •••• plus its last four characters", async () => {
      const shown = (
        await ts.call("GET", `/api/connections/${connectionId}`)
      ).json();
      expect(shown.auth.clientSecret).toBe(`••••${sim.clientSecret.slice(-4)}`);
      expect(shown.host).toBe(sim.baseUrl);
      const listed = (
        await ts.call("GET", `/api/pools/${poolId}/connections`)
      ).json();
      expect(listed).toHaveLength(1);
      expect(listed[0].auth.clientSecret).toBe(shown.auth.clientSecret);
    });

    it("passes every check of a test against a healthy simulator", async () => {
      const answer = await ts.call(
        "POST",
        `/api/connections/${connectionId}/test`,
        { tables: ["invoices", "suppliers"] },
      );
      const report = answer.json();
      expect(answer.status).toBe(200);
      expect(report.ok).toBe(true);
      expect(
        report.checks.filter((c: { status: string }) => c.status === "fail"),
      ).toEqual([]);
    });

    it("keeps the stored secret when an update omits it", async () => {
      const patched = await ts.call(
        "PATCH",
        `/api/connections/${connectionId}`,
        {
          name: "acme renamed",
          auth: { type: "oauth", clientId: sim.clientId },
        },
      );
      expect(patched.status).toBe(200);
      expect(patched.json().name).toBe("acme renamed");
      expect(patched.json().auth.clientSecret).toBe(
        `••••${sim.clientSecret.slice(-4)}`,
      );
      const report = (
        await ts.call("POST", `/api/connections/${connectionId}/test`, {})
      ).json();
      expect(report.ok).toBe(true);
    });

    it("tests an unsaved connection and reports a wrong secret with its fix", async () => {
      const good = await ts.call("POST", "/api/connection-test", {
        ...connectionBody(),
        tables: ["invoices"],
      });
      expect(good.json().ok).toBe(true);

      const bad = await ts.call("POST", "/api/connection-test", {
        ...connectionBody(),
        auth: {
          type: "oauth",
          clientId: sim.clientId,
          clientSecret: "wrong-secret-value",
        },
      });
      const failed = bad
        .json()
        .checks.filter((c: { status: string }) => c.status === "fail");
      expect(bad.json().ok).toBe(false);
      expect(failed.length).toBeGreaterThan(0);
      expect(failed[0].fix).toBeTruthy();
    });

    it("fills an unsaved test's omitted secret from the connection it edits", async () => {
      const answer = await ts.call("POST", "/api/connection-test", {
        ...connectionBody(),
        auth: { type: "oauth", clientId: sim.clientId },
        connectionId,
      });
      expect(answer.json().ok).toBe(true);
    });

    it("names the missing secret and the bad host", async () => {
      const noSecret = await ts.call(
        "POST",
        `/api/pools/${poolId}/connections`,
        { ...connectionBody(), auth: { type: "oauth", clientId: "x" } },
      );
      expect(noSecret.status).toBe(400);
      expect(noSecret.json().error.field).toBe("auth.clientSecret");

      const badHost = await ts.call(
        "POST",
        `/api/pools/${poolId}/connections`,
        { ...connectionBody(), host: "ftp://acme.coupahost.com/x?y" },
      );
      expect(badHost.status).toBe(400);
      const paths = badHost
        .json()
        .error.fields.map((f: { path: string }) => f.path);
      expect(paths).toContain("host");
      expect(badHost.json().error.message).toContain("host");
    });

    it("keeps every stored setting an update does not name", async () => {
      const created = await ts.call(
        "POST",
        `/api/pools/${poolId}/connections`,
        {
          ...connectionBody(),
          name: "through an agent",
          mode: "uplinked",
          agent: agentId,
          requestsPerSecond: 10,
        },
      );
      expect(created.status).toBe(201);
      const id = created.json().id;
      const patched = await ts.call("PATCH", `/api/connections/${id}`, {
        name: "renamed",
      });
      expect(patched.json()).toMatchObject({
        name: "renamed",
        mode: "uplinked",
        agent: agentId,
        requestsPerSecond: 10,
        agentStatus: { name: "plant-7", state: "offline" },
      });
      await ts.call("DELETE", `/api/connections/${id}`);
    });

    it("stores an API key connection and masks the key", async () => {
      const created = await ts.call(
        "POST",
        `/api/pools/${poolId}/connections`,
        {
          name: "legacy",
          host: "acme",
          apiVersion: "R39",
          auth: { type: "apiKey", key: API_KEY },
        },
      );
      if (created.status === 201) {
        expect(created.json().auth.key).toBe(`••••${API_KEY.slice(-4)}`);
        await ts.call("DELETE", `/api/connections/${created.json().id}`);
      } else {
        expect(created.status).toBe(400);
        expect(created.json().error.message).toContain("OAuth");
      }
    });

    it("answers 404 for unknown connections", async () => {
      for (const [method, url] of [
        ["GET", "/api/connections/conn_nope"],
        ["PATCH", "/api/connections/conn_nope"],
        ["DELETE", "/api/connections/conn_nope"],
        ["POST", "/api/connections/conn_nope/test"],
      ] as const) {
        const answer = await ts.call(method, url, {});
        expect(answer.status, `${method} ${url}`).toBe(404);
        expect(answer.json().error.code).toBe("NOT_FOUND");
      }
    });
  });

  describe("extraction jobs", () => {
    it("creates, shows, changes and deletes a job", async () => {
      const created = await ts.call("POST", `/api/pools/${poolId}/jobs`, {
        name: "nightly",
        connectionId,
        tables: { invoices: { lookback: "2h" }, suppliers: {} },
        mode: "delta",
        schedule: "0 2 * * *",
        enabled: true,
      });
      expect(created.status).toBe(201);
      const job = created.json();
      expect(job.tables).toEqual({
        invoices: { lookback: "2h" },
        suppliers: {},
      });
      expect(job.nextRunAt).not.toBeNull();

      const patched = (
        await ts.call("PATCH", `/api/jobs/${job.id}`, { schedule: null })
      ).json();
      expect(patched.schedule).toBeNull();
      expect(patched.nextRunAt).toBeNull();
      expect((await ts.call("GET", `/api/jobs/${job.id}`)).json().name).toBe(
        "nightly",
      );
      expect(
        (await ts.call("GET", `/api/pools/${poolId}/jobs`)).json(),
      ).toHaveLength(1);

      const inUse = await ts.call("DELETE", `/api/connections/${connectionId}`);
      expect(inUse.status).toBe(409);
      expect(inUse.json().error.code).toBe("CONNECTION_IN_USE");

      expect((await ts.call("DELETE", `/api/jobs/${job.id}`)).status).toBe(204);
      expect((await ts.call("GET", `/api/jobs/${job.id}`)).status).toBe(404);
    });

    it("lists every field at fault: schedule, unknown table and unknown connection", async () => {
      const answer = await ts.call("POST", `/api/pools/${poolId}/jobs`, {
        name: "broken",
        connectionId,
        tables: { invoicez: {}, suppliers: { drift: "sometimes" } },
        schedule: "every night",
      });
      const { error } = answer.json();
      expect(answer.status).toBe(400);
      expect(error.code).toBe("VALIDATION");
      expect(error.fields.map((f: { path: string }) => f.path)).toContain(
        "tables.suppliers.drift",
      );

      const semantic = await ts.call("POST", `/api/pools/${poolId}/jobs`, {
        name: "broken",
        connectionId,
        tables: { invoicez: {} },
        schedule: "every night",
      });
      const paths = semantic
        .json()
        .error.fields.map((f: { path: string }) => f.path);
      expect(paths).toEqual(["schedule", "tables.invoicez"]);
      expect(semantic.json().error.message).toContain("every night");
      expect(semantic.json().error.message).toContain("invoicez");

      const noConnection = await ts.call("POST", `/api/pools/${poolId}/jobs`, {
        name: "orphan",
        connectionId: "conn_nope",
        tables: { invoices: {} },
      });
      expect(noConnection.json().error.field).toBe("connectionId");
    });

    it("answers 404 for unknown jobs and runs", async () => {
      for (const [method, url] of [
        ["GET", "/api/jobs/job_nope"],
        ["PATCH", "/api/jobs/job_nope"],
        ["DELETE", "/api/jobs/job_nope"],
        ["POST", "/api/jobs/job_nope/runs"],
        ["GET", "/api/runs/run_nope"],
        ["POST", "/api/runs/run_nope/cancel"],
        ["GET", "/api/runs/run_nope/logs"],
        ["GET", "/api/runs/run_nope/events"],
      ] as const) {
        const answer = await ts.call(
          method,
          url,
          method === "PATCH" ? {} : undefined,
        );
        expect(answer.status, `${method} ${url}`).toBe(404);
      }
    });

    it("lists no tables for a pool that has never run", async () => {
      expect(
        (await ts.call("GET", `/api/pools/${poolId}/tables`)).json(),
      ).toEqual([]);
      const rows = await ts.call(
        "GET",
        `/api/pools/${poolId}/tables/invoices/rows`,
      );
      expect(rows.status).toBe(404);
    });
  });

  it("never shows a secret in any answer", () => {
    expect(ts.answers.length).toBeGreaterThan(30);
    expect(agentToken).toMatch(/^cxa_/);
    // The agent's creation is the one answer that shows its token.
    for (const answer of ts.answers.slice(3)) {
      expect(answer.body).not.toContain(agentToken);
    }
    for (const answer of ts.answers) {
      expect(answer.body).not.toContain(sim.clientSecret);
      expect(answer.body).not.toContain(API_KEY);
      expect(answer.body).not.toContain("wrong-secret-value");
    }
  });

  it("never writes a secret to the server log", () => {
    const log = ts.logLines.join("\n");
    expect(log).not.toContain(sim.clientSecret);
    expect(log).not.toContain(API_KEY);
    expect(log).not.toContain(ts.token);
    expect(log).not.toContain(agentToken);
  });
});
