import { afterEach, describe, expect, it } from "vitest";
import { FakeExtractions } from "./fake-extraction.js";
import { startTestServer, type TestServer } from "./test-server.js";

const noTimers = { setInterval: () => 0, clearInterval: () => {} };

function fakeClock(start: string) {
  let now = new Date(start);
  return {
    clock: () => now,
    set: (iso: string) => {
      now = new Date(iso);
      return now;
    },
  };
}

async function createScheduledJob(ts: TestServer, schedule: string | null) {
  const pool = (await ts.call("POST", "/api/pools", { name: "P2P" })).json();
  const connection = (
    await ts.call("POST", `/api/pools/${pool.id}/connections`, {
      name: "acme",
      host: "http://127.0.0.1:9",
      auth: { type: "oauth", clientId: "id", clientSecret: "secret-1234567" },
    })
  ).json();
  const job = await ts.call("POST", `/api/pools/${pool.id}/jobs`, {
    name: "invoices hourly",
    connectionId: connection.id,
    tables: { invoices: {} },
    mode: "auto",
    schedule,
    enabled: true,
  });
  expect(job.status).toBe(201);
  return { pool, job: job.json() };
}

describe("scheduler", () => {
  const servers: TestServer[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) await server.dispose();
  });

  it("starts one run when a tick comes while the job's run is still in progress", async () => {
    const time = fakeClock("2026-03-02T10:00:30Z");
    const fakes = new FakeExtractions();
    const ts = await startTestServer({
      clock: time.clock,
      engine: { startExtraction: fakes.startExtraction },
    });
    servers.push(ts);
    const { job } = await createScheduledJob(ts, "*/5 * * * *");

    expect(ts.server.scheduler.tick(time.set("2026-03-02T10:04:59Z"))).toEqual(
      [],
    );
    const first = ts.server.scheduler.tick(time.set("2026-03-02T10:05:00Z"));
    const second = ts.server.scheduler.tick(time.set("2026-03-02T10:10:00Z"));

    expect(first.map((r) => r.action)).toEqual(["started"]);
    expect(second.map((r) => r.action)).toEqual(["skipped-overlap"]);
    expect(fakes.started).toHaveLength(1);
    expect(ts.logLines.join("\n")).toContain(
      `Skipped scheduled run of job \\"invoices hourly\\": run ${first[0]?.runId}`,
    );

    fakes.started[0]?.finish("succeeded");
    await ts.server.runs.settled(first[0]?.runId as string);
    const third = ts.server.scheduler.tick(time.set("2026-03-02T10:15:00Z"));
    expect(third.map((r) => r.action)).toEqual(["started"]);
    expect(fakes.started).toHaveLength(2);
    const runs = (await ts.call("GET", `/api/pools/${job.poolId}/runs`)).json();
    expect(runs.map((r: { trigger: string }) => r.trigger)).toEqual([
      "schedule",
      "schedule",
    ]);
  });

  it("answers 409 to a manual run while the job's run is in progress", async () => {
    const fakes = new FakeExtractions();
    const ts = await startTestServer({
      engine: { startExtraction: fakes.startExtraction },
    });
    servers.push(ts);
    const { job } = await createScheduledJob(ts, null);

    const started = await ts.call("POST", `/api/jobs/${job.id}/runs`);
    const again = await ts.call("POST", `/api/jobs/${job.id}/runs`);

    expect(started.status).toBe(202);
    expect(started.json().status).toBe("running");
    expect(again.status).toBe(409);
    expect(again.json().error.code).toBe("RUN_IN_PROGRESS");
    expect(again.json().error.message).toContain(started.json().id);
    expect(fakes.started).toHaveLength(1);
  });

  it("runs a job once at start for all the runs it missed while the server was down", async () => {
    const time = fakeClock("2026-03-02T10:00:30Z");
    const ts = await startTestServer({
      clock: time.clock,
      engine: { startExtraction: new FakeExtractions().startExtraction },
    });
    const { job } = await createScheduledJob(ts, "0 * * * *");
    await ts.stop();

    time.set("2026-03-02T15:20:00Z");
    const fakes = new FakeExtractions();
    const restarted = await startTestServer({
      dataDir: ts.dataDir,
      clock: time.clock,
      engine: { startExtraction: fakes.startExtraction },
      scheduler: { autoStart: true, timers: noTimers },
    });
    servers.push(restarted);

    expect(fakes.started).toHaveLength(1);
    const stored = (await restarted.call("GET", `/api/jobs/${job.id}`)).json();
    expect(stored.lastScheduledAt).toBe("2026-03-02T15:00:00.000Z");
    expect(restarted.logLines.join("\n")).toContain(
      '5 scheduled run(s) of job \\"invoices hourly\\" fell due',
    );

    fakes.started[0]?.finish("succeeded");
    const runs = (
      await restarted.call("GET", `/api/pools/${job.poolId}/runs`)
    ).json();
    await restarted.server.runs.settled(runs[0].id);
    expect(
      restarted.server.scheduler.tick(time.set("2026-03-02T15:59:59Z")),
    ).toEqual([]);
    expect(fakes.started).toHaveLength(1);
  });

  it("resumes a run cut off by a restart with the same job settings", async () => {
    const first = new FakeExtractions();
    const ts = await startTestServer({
      engine: { startExtraction: first.startExtraction },
    });
    const { job } = await createScheduledJob(ts, null);
    const run = (await ts.call("POST", `/api/jobs/${job.id}/runs`)).json();
    first.started[0]?.progress(250);
    await ts.stop();

    const second = new FakeExtractions();
    const restarted = await startTestServer({
      dataDir: ts.dataDir,
      engine: { startExtraction: second.startExtraction },
    });
    servers.push(restarted);

    expect(first.started[0]?.cancelled).toBe(true);
    expect(second.started).toHaveLength(1);
    expect(second.started[0]?.options.poolPath).toBe(
      first.started[0]?.options.poolPath,
    );
    expect(second.started[0]?.options.tables).toEqual(
      first.started[0]?.options.tables,
    );
    const resumed = (await restarted.call("GET", `/api/runs/${run.id}`)).json();
    expect(resumed.status).toBe("running");
    expect(resumed.attempts).toBe(2);
    expect(resumed.progress.tables[0].rows).toBe(250);

    second.started[0]?.finish("succeeded");
    const ended = await restarted.server.runs.settled(run.id);
    expect(ended.status).toBe("succeeded");
    const logs = (await restarted.call("GET", `/api/runs/${run.id}/logs`))
      .json()
      .map((line: { msg: string }) => line.msg);
    expect(logs.some((msg: string) => msg.startsWith("Resuming run"))).toBe(
      true,
    );
    expect(logs).toContain("Run succeeded");
  });

  it("never schedules a disabled job", async () => {
    const time = fakeClock("2026-03-02T10:00:30Z");
    const fakes = new FakeExtractions();
    const ts = await startTestServer({
      clock: time.clock,
      engine: { startExtraction: fakes.startExtraction },
    });
    servers.push(ts);
    const { job } = await createScheduledJob(ts, "*/5 * * * *");
    await ts.call("PATCH", `/api/jobs/${job.id}`, { enabled: false });

    expect(ts.server.scheduler.tick(time.set("2026-03-02T12:00:00Z"))).toEqual(
      [],
    );
    expect(fakes.started).toHaveLength(0);
  });
});
