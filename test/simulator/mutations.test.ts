import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SimRecord } from "../../src/simulator/data/simulator-data.js";
import {
  type RunningSimulator,
  startSimulator,
} from "../../src/simulator/start-simulator.js";
import { apiJson, http, mintToken } from "./sim-http.js";

let sim: RunningSimulator;
let token: string;

beforeAll(async () => {
  sim = await startSimulator({ size: 60, seed: 21, rateLimit: false });
  token = await mintToken(sim);
});
afterAll(async () => {
  await sim?.close();
});

function admin(path: string, method = "GET", body?: unknown) {
  return http(`${sim.adminUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${sim.adminToken}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

async function changedSince(since: string): Promise<number[]> {
  const query = `updated_at[gt_or_eq]=${encodeURIComponent(since)}&limit=50`;
  const answer = await apiJson(sim, token, `/api/invoices?${query}`);
  return answer.json<SimRecord[]>().map((r) => r.id as number);
}

describe("mutations through the admin API", () => {
  it("moves updated records into an updated_at window and the ground truth", async () => {
    const since = new Date(Date.now() - 1000).toISOString();
    expect(await changedSince(since)).toEqual([]);

    const result = await admin("/mutations", "POST", {
      op: "update",
      resource: "invoices",
      ids: [4, 9, 30],
    });
    expect(result.status).toBe(200);
    expect(result.json()).toEqual({ resource: "invoices", ids: [4, 9, 30] });
    expect(await changedSince(since)).toEqual([4, 9, 30]);

    const exported = await admin("/ground-truth/invoices");
    const truth = exported.json<SimRecord[]>();
    const nine = truth.find((r) => r.id === 9) as SimRecord;
    expect(Date.parse(String(nine["updated-at"]))).toBeGreaterThanOrEqual(
      Date.parse(since),
    );
    const listed = await apiJson(sim, token, "/api/invoices/9");
    expect(listed.json()).toEqual(nine);
  });

  it("serves inserted records and forgets removed ones", async () => {
    const inserted = await admin("/mutations", "POST", {
      op: "insert",
      resource: "invoices",
      count: 2,
    });
    const { ids } = inserted.json<{ ids: number[] }>();
    expect(ids).toHaveLength(2);
    for (const id of ids) {
      expect((await apiJson(sim, token, `/api/invoices/${id}`)).status).toBe(
        200,
      );
    }

    await admin("/mutations", "POST", {
      op: "remove",
      resource: "invoices",
      ids: [5],
    });
    expect((await apiJson(sim, token, "/api/invoices/5")).status).toBe(404);
    const page = await apiJson(sim, token, "/api/invoices?id[lt]=7");
    expect(page.json<SimRecord[]>().map((r) => r.id)).toEqual([1, 2, 3, 4, 6]);
    const truth = (await admin("/ground-truth/invoices")).json<SimRecord[]>();
    expect(truth.map((r) => r.id)).not.toContain(5);
    expect(truth.map((r) => r.id)).toEqual(
      [...sim.data.groundTruth("invoices")].map((r) => r.id),
    );
  });

  it("shows an added custom field on every record", async () => {
    sim.admin.mutate({
      op: "addCustomField",
      resource: "invoices",
      name: "cf-region",
      type: "string",
    });
    const page = await apiJson(sim, token, "/api/invoices?limit=3");
    for (const record of page.json<SimRecord[]>()) {
      expect(record["custom-fields"]).toHaveProperty("cf-region");
    }
  });

  it("answers 400 for a bad mutation and 404 for an unknown resource", async () => {
    const bad = await admin("/mutations", "POST", { op: "explode" });
    expect(bad.status).toBe(400);
    const unknown = await admin("/mutations", "POST", {
      op: "update",
      resource: "unicorns",
    });
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain("unicorns");
  });
});

describe("switches over the admin API", () => {
  it("reads and changes switches, rejecting unknown ones", async () => {
    const changed = await admin("/switches", "PATCH", {
      latencyMs: 0,
      burst: 5,
    });
    expect(changed.json<{ burst: number }>().burst).toBe(5);
    expect(sim.admin.switches().burst).toBe(5);
    const bad = await admin("/switches", "PATCH", { warpSpeed: true });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain("warpSpeed");
    const rate = await admin("/switches", "PATCH", { fault5xxRate: 3 });
    expect(rate.status).toBe(400);
    expect(rate.text).toContain("fault5xxRate");
  });
});
