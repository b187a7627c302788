import { afterEach, describe, expect, it } from "vitest";
import { FakeExtractions } from "./fake-extraction.js";
import { startTestServer, type TestServer } from "./test-server.js";

async function createJob(ts: TestServer) {
  const pool = (await ts.call("POST", "/api/pools", { name: "P2P" })).json();
  const connection = (
    await ts.call("POST", `/api/pools/${pool.id}/connections`, {
      name: "acme",
      host: "http://127.0.0.1:9",
      auth: {
        type: "oauth",
        clientId: "id",
        clientSecret: "run-secret-5c4b3a29",
      },
    })
  ).json();
  return (
    await ts.call("POST", `/api/pools/${pool.id}/jobs`, {
      name: "invoices",
      connectionId: connection.id,
      tables: { invoices: {}, suppliers: {} },
    })
  ).json();
}

describe("runs", () => {
  const servers: TestServer[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) await server.dispose();
  });

  it("cancels a running run and then accepts a new run of the job", async () => {
    const fakes = new FakeExtractions();
    const ts = await startTestServer({
      engine: { startExtraction: fakes.startExtraction },
    });
    servers.push(ts);
    const job = await createJob(ts);
    const run = (await ts.call("POST", `/api/jobs/${job.id}/runs`)).json();

    const cancel = await ts.call("POST", `/api/runs/${run.id}/cancel`);
    const ended = await ts.server.runs.settled(run.id);

    expect(cancel.status).toBe(202);
    expect(fakes.started[0]?.cancelled).toBe(true);
    expect(ended.status).toBe("cancelled");
    expect((await ts.call("POST", `/api/runs/${run.id}/cancel`)).status).toBe(
      409,
    );
    const next = await ts.call("POST", `/api/jobs/${job.id}/runs`);
    expect(next.status).toBe(202);
    expect(fakes.started).toHaveLength(2);
  });

  it("hands the extraction the job's tables, mode and the pool's file", async () => {
    const fakes = new FakeExtractions();
    const ts = await startTestServer({
      engine: { startExtraction: fakes.startExtraction },
    });
    servers.push(ts);
    const job = await createJob(ts);
    await ts.call("PATCH", `/api/jobs/${job.id}`, {
      mode: "delta",
      tables: { invoices: { lookback: "2h", target: "ap_invoices" } },
    });
    await ts.call("POST", `/api/jobs/${job.id}/runs`);

    const options = fakes.started[0]?.options;
    expect(options?.mode).toBe("delta");
    expect(options?.poolPath).toBe(`${ts.dataDir}/pools/${job.poolId}.duckdb`);
    expect(options?.tables).toEqual([
      expect.objectContaining({
        resource: "invoices",
        target: "ap_invoices",
        lookbackMs: 7_200_000,
      }),
    ]);
  });

  it("keeps run logs, streams them and never stores the connection secret", async () => {
    const fakes = new FakeExtractions();
    const ts = await startTestServer({
      engine: { startExtraction: fakes.startExtraction },
    });
    servers.push(ts);
    const job = await createJob(ts);
    const run = (await ts.call("POST", `/api/jobs/${job.id}/runs`)).json();
    const heard: string[] = [];
    ts.server.runs.subscribe(run.id, {
      log: (line) => heard.push(line.msg),
    });

    const logger = fakes.started[0]?.options.logger;
    logger?.info({ auth: { clientSecret: "run-secret-5c4b3a29" } }, "config");
    logger?.warn("token request with run-secret-5c4b3a29 failed");
    fakes.started[0]?.progress(50);
    fakes.started[0]?.finish("failed");
    await ts.server.runs.settled(run.id);

    const lines = (await ts.call("GET", `/api/runs/${run.id}/logs`)).json();
    const text = JSON.stringify(lines);
    expect(heard).toContain("config");
    expect(lines.map((l: { level: string }) => l.level)).toContain("warn");
    expect(text).toContain("token request with [redacted] failed");
    expect(text).not.toContain("run-secret-5c4b3a29");
    expect(ts.logLines.join("\n")).not.toContain("run-secret-5c4b3a29");
    const events = await ts.server.app.inject({
      url: `/api/runs/${run.id}/events?token=${ts.token}`,
    });
    expect(events.body).toContain("event: done");
    expect(events.body).toContain('"status":"failed"');
    expect(events.body).not.toContain("run-secret-5c4b3a29");
  });

  it("keeps only the newest log lines of a run", async () => {
    const fakes = new FakeExtractions();
    const ts = await startTestServer({
      engine: { startExtraction: fakes.startExtraction },
    });
    servers.push(ts);
    const job = await createJob(ts);
    const run = (await ts.call("POST", `/api/jobs/${job.id}/runs`)).json();
    const logger = fakes.started[0]?.options.logger;
    for (let i = 1; i <= 2100; i += 1) logger?.info({ i }, `line ${i}`);

    const lines = (await ts.call("GET", `/api/runs/${run.id}/logs`)).json();
    expect(lines).toHaveLength(2000);
    expect(lines.at(-1).msg).toBe("line 2100");
    fakes.started[0]?.finish("succeeded");
  });
});

describe("runs of one pool", () => {
  const servers: TestServer[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) await server.dispose();
  });

  it("queues a second job's run until the pool's running run ends", async () => {
    const fakes = new FakeExtractions();
    const ts = await startTestServer({
      engine: { startExtraction: fakes.startExtraction },
    });
    servers.push(ts);
    const first = await createJob(ts);
    const second = (
      await ts.call("POST", `/api/pools/${first.poolId}/jobs`, {
        name: "suppliers",
        connectionId: first.connectionId,
        tables: { suppliers: {} },
      })
    ).json();

    const running = (
      await ts.call("POST", `/api/jobs/${first.id}/runs`)
    ).json();
    const queued = await ts.call("POST", `/api/jobs/${second.id}/runs`);
    expect(queued.status).toBe(202);
    expect(queued.json().status).toBe("queued");
    expect(fakes.started).toHaveLength(1);
    const again = await ts.call("POST", `/api/jobs/${second.id}/runs`);
    expect(again.status).toBe(409);

    fakes.started[0]?.finish("succeeded");
    await ts.server.runs.settled(running.id);
    expect(fakes.started).toHaveLength(2);
    expect(fakes.started[1]?.options.tables.map((t) => t.resource)).toEqual([
      "suppliers",
    ]);
    const now = (await ts.call("GET", `/api/runs/${queued.json().id}`)).json();
    expect(now.status).toBe("running");
    fakes.started[1]?.finish("succeeded");
  });

  it("cancels a queued run without starting it", async () => {
    const fakes = new FakeExtractions();
    const ts = await startTestServer({
      engine: { startExtraction: fakes.startExtraction },
    });
    servers.push(ts);
    const first = await createJob(ts);
    const second = (
      await ts.call("POST", `/api/pools/${first.poolId}/jobs`, {
        name: "suppliers",
        connectionId: first.connectionId,
        tables: { suppliers: {} },
      })
    ).json();
    const running = (
      await ts.call("POST", `/api/jobs/${first.id}/runs`)
    ).json();
    const queued = (
      await ts.call("POST", `/api/jobs/${second.id}/runs`)
    ).json();

    const cancelled = await ts.call("POST", `/api/runs/${queued.id}/cancel`);
    fakes.started[0]?.finish("succeeded");
    await ts.server.runs.settled(running.id);

    expect(cancelled.json().status).toBe("cancelled");
    expect(fakes.started).toHaveLength(1);
  });
});
