import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PoolReader } from "../../src/load/pool-reader.js";
import {
  type RunningSimulator,
  startSimulator,
} from "../../src/simulator/start-simulator.js";
import {
  type Answer,
  startTestServer,
  type TestServer,
  toAnswer,
} from "./test-server.js";

interface ServerSentEvent {
  readonly event: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests inspect events freely
  readonly data: any;
}

/** Reads a server-sent event stream until it ends. */
async function readEvents(response: Response): Promise<ServerSentEvent[]> {
  const events: ServerSentEvent[] = [];
  const decoder = new TextDecoder();
  let buffer = "";
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    let end = buffer.indexOf("\n\n");
    while (end >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (event && data) events.push({ event, data: JSON.parse(data) });
      end = buffer.indexOf("\n\n");
    }
  }
  return events;
}

describe("full flow over HTTP", () => {
  let sim: RunningSimulator;
  let ts: TestServer;
  let baseUrl: string;
  const answers: Answer[] = [];

  /** The body of a Direct connection to the simulator. */
  const simulatorConnection = () => ({
    name: "simulator",
    host: sim.baseUrl,
    auth: {
      type: "oauth",
      clientId: sim.clientId,
      clientSecret: sim.clientSecret,
    },
  });

  const api = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${ts.token}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const answer = toAnswer(response.status, await response.text());
    answers.push(answer);
    return answer;
  };

  beforeAll(async () => {
    sim = await startSimulator({ size: 60, rateLimit: false });
    ts = await startTestServer();
    baseUrl = await ts.server.listen({ port: 0 });
  });

  afterAll(async () => {
    await ts?.dispose();
    await sim?.close();
  });

  it("creates a pool and a connection, tests it, runs a job and pages through its tables", async () => {
    const pool = (await api("POST", "/api/pools", { name: "P2P" })).json();
    const connection = await api(
      "POST",
      `/api/pools/${pool.id}/connections`,
      simulatorConnection(),
    );
    expect(connection.status).toBe(201);
    const connectionId = connection.json().id;

    const test = await api("POST", `/api/connections/${connectionId}/test`, {
      tables: ["invoices", "suppliers"],
    });
    expect(test.json().ok).toBe(true);

    const job = await api("POST", `/api/pools/${pool.id}/jobs`, {
      name: "first load",
      connectionId,
      tables: { invoices: {}, suppliers: {} },
      mode: "full",
      schedule: null,
      enabled: true,
    });
    expect(job.status).toBe(201);

    const started = await api("POST", `/api/jobs/${job.json().id}/runs`);
    expect(started.status).toBe(202);
    const runId = started.json().id;

    const whileRunning = await api("GET", `/api/pools/${pool.id}/tables`);
    expect(whileRunning.status).toBe(200);

    const stream = await fetch(
      `${baseUrl}/api/runs/${runId}/events?token=${ts.token}`,
    );
    expect(stream.headers.get("content-type")).toContain("text/event-stream");
    const events = await readEvents(stream);
    const kinds = new Set(events.map((e) => e.event));
    expect(kinds).toEqual(new Set(["progress", "log", "done"]));
    const done = events.at(-1);
    expect(done?.event).toBe("done");
    expect(done?.data.status, JSON.stringify(done?.data)).toBe("succeeded");
    expect(done?.data.report.status).toBe("succeeded");
    const lastProgress = events.filter((e) => e.event === "progress").at(-1);
    expect(
      lastProgress?.data.tables.map((t: { table: string }) => t.table).sort(),
    ).toEqual(["invoices", "suppliers"]);

    const run = (await api("GET", `/api/runs/${runId}`)).json();
    expect(run.status).toBe("succeeded");
    expect(run.finishedAt).not.toBeNull();
    const again = await api("POST", `/api/runs/${runId}/cancel`);
    expect(again.status).toBe(409);
    const logs = (await api("GET", `/api/runs/${runId}/logs`)).json();
    expect(logs.length).toBeGreaterThan(1);
    expect(logs.map((l: { seq: number }) => l.seq)).toEqual(
      logs.map((_: unknown, i: number) => i + 1),
    );

    const replay = await readEvents(
      await fetch(`${baseUrl}/api/runs/${runId}/events?token=${ts.token}`),
    );
    expect(replay.filter((e) => e.event === "log")).toHaveLength(logs.length);
    expect(replay.at(-1)?.data.report).toEqual(run.report);

    const runs = (await api("GET", `/api/pools/${pool.id}/runs`)).json();
    expect(runs.map((r: { id: string }) => r.id)).toEqual([runId]);

    const tables = (await api("GET", `/api/pools/${pool.id}/tables`)).json();
    const byName = new Map(
      tables.map((t: { name: string; rows: number }) => [t.name, t.rows]),
    );
    const truth = [...sim.data.groundTruth("invoices")];
    expect(byName.get("invoices")).toBe(truth.length);
    expect(byName.get("suppliers")).toBe(
      [...sim.data.groundTruth("suppliers")].length,
    );
    expect(byName.has("invoices__invoice_lines")).toBe(true);
    expect(
      [...byName.keys()].some((name) => String(name).startsWith("_")),
    ).toBe(false);

    const ids: number[] = [];
    for (let offset = 0; offset < truth.length; offset += 25) {
      const page = (
        await api(
          "GET",
          `/api/pools/${pool.id}/tables/invoices/rows?limit=25&offset=${offset}`,
        )
      ).json();
      expect(page.total).toBe(truth.length);
      expect(page.columns.map((c: { name: string }) => c.name)).toContain("id");
      ids.push(...page.rows.map((row: { id: number }) => row.id));
    }
    expect(ids.sort((a, b) => a - b)).toEqual(
      truth.map((record) => record.id as number).sort((a, b) => a - b),
    );

    const badPage = await api(
      "GET",
      `/api/pools/${pool.id}/tables/invoices/rows?limit=0`,
    );
    expect(badPage.status).toBe(400);
    expect(badPage.json().error.fields[0].path).toBe("limit");
  });

  it("runs a pool under its DuckDB memory limit and keeps the limit changeable only where it can work", async () => {
    /** Creates a pool, runs a full load of users into it, returns its id. */
    const poolWithOneRun = async (body: object) => {
      const pool = await api("POST", "/api/pools", body);
      expect(pool.status).toBe(201);
      const id = pool.json().id;
      const connection = await api(
        "POST",
        `/api/pools/${id}/connections`,
        simulatorConnection(),
      );
      const job = await api("POST", `/api/pools/${id}/jobs`, {
        name: "users",
        connectionId: connection.json().id,
        tables: { users: {} },
        mode: "full",
        schedule: null,
        enabled: true,
      });
      const run = await api("POST", `/api/jobs/${job.json().id}/runs`);
      const events = await readEvents(
        await fetch(
          `${baseUrl}/api/runs/${run.json().id}/events?token=${ts.token}`,
        ),
      );
      const done = events.at(-1);
      expect(done?.data.status, JSON.stringify(done?.data)).toBe("succeeded");
      return id as string;
    };
    const blockSize = async (poolId: string) => {
      const reader = await PoolReader.open(
        join(ts.dataDir, "pools", `${poolId}.duckdb`),
      );
      const [row] = await reader.query(
        "SELECT block_size FROM pragma_database_size()",
      );
      await reader.close();
      return row?.block_size;
    };

    const small = await poolWithOneRun({ name: "small", memoryLimitMb: 100 });
    expect((await api("GET", `/api/pools/${small}`)).json().memoryLimitMb).toBe(
      100,
    );
    expect(await blockSize(small)).toBe(16_384);
    const lower = await api("PATCH", `/api/pools/${small}`, {
      memoryLimitMb: 64,
    });
    expect(lower.status).toBe(200);
    expect(lower.json().memoryLimitMb).toBe(64);
    // The file's blocks decide, not the limit stored last.
    await api("PATCH", `/api/pools/${small}`, { memoryLimitMb: 512 });
    const again = await api("PATCH", `/api/pools/${small}`, {
      memoryLimitMb: 80,
    });
    expect(again.status).toBe(200);

    const usual = await poolWithOneRun({ name: "usual" });
    expect((await api("GET", `/api/pools/${usual}`)).json().memoryLimitMb).toBe(
      null,
    );
    expect(await blockSize(usual)).toBe(262_144);
    const refused = await api("PATCH", `/api/pools/${usual}`, {
      memoryLimitMb: 100,
    });
    expect(refused.status).toBe(409);
    expect(refused.json().error.code).toBe("POOL_FILE_EXISTS");
    expect(refused.json().error.message).toContain(
      "in a file with 256 KB blocks, for which DuckDB needs 256 MB or more",
    );
    expect(refused.json().error.message).toContain(
      "create a new data pool with the smaller limit",
    );
    expect((await api("GET", `/api/pools/${usual}`)).json().memoryLimitMb).toBe(
      null,
    );
    const raised = await api("PATCH", `/api/pools/${usual}`, {
      memoryLimitMb: 512,
    });
    expect(raised.json().memoryLimitMb).toBe(512);
  });

  it("never shows the Coupa secret in an answer or the server log", () => {
    expect(answers.length).toBeGreaterThan(10);
    for (const answer of answers) {
      expect(answer.body).not.toContain(sim.clientSecret);
    }
    expect(ts.logLines.join("\n")).not.toContain(sim.clientSecret);
  });
});
