import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CoupaClient } from "../../src/coupa/coupa-client.js";
import { RateLimiter } from "../../src/coupa/rate-limiter.js";
import type { ExtractionSource } from "../../src/extract/extraction-source.js";
import type { RequestLogEntry } from "../../src/simulator/request-log.js";
import {
  extract,
  type Harness,
  startHarness,
  table,
} from "./support/extraction-harness.js";
import { groundTruthDiff } from "./support/ground-truth.js";

const HOUR = 3_600_000;
const TABLES = ["invoices", "purchase_orders", "users", "departments"];

/** The simulator's requests to one list endpoint, in arrival order. */
function requestsTo(harness: Harness, resource: string): RequestLogEntry[] {
  return harness.sim.admin
    .requestLog()
    .filter((entry) => entry.path === `/api/${resource}`);
}

function param(entry: RequestLogEntry | undefined, key: string) {
  return entry?.query.find(([name]) => name === key)?.[1];
}

/** Milliseconds of an `updated_at[lt]` bound (Coupa's +00:00 form). */
function windowEnd(entry: RequestLogEntry | undefined): number {
  return Date.parse(param(entry, "updated_at[lt]") ?? "");
}

describe("the first requests of a run", () => {
  let harness: Harness;

  beforeAll(async () => {
    // Coupa's clock an hour ahead of ours: the window must follow Coupa's.
    harness = await startHarness({
      size: 300,
      seed: 31,
      clockSkewSeconds: 3600,
    });
  });
  afterAll(async () => {
    await harness.close();
  });

  it("fixes the window by the token answer and starts every table with pages of records", async () => {
    const settings = TABLES.map((resource) => table(resource));
    harness.sim.admin.clearRequestLog();
    const started = Date.now();
    const report = await extract(harness, settings, "full");
    const ended = Date.now();

    expect(report.status).toBe("succeeded");
    const [first] = harness.sim.admin.requestLog();
    expect(first?.path).toBe("/oauth2/token");
    for (const entry of report.tables) {
      const watermark = Date.parse(entry.watermark ?? "");
      expect(watermark).toBeGreaterThanOrEqual(started + HOUR - 1000);
      expect(watermark).toBeLessThanOrEqual(ended + HOUR);
    }
    for (const resource of TABLES) {
      const requests = requestsTo(harness, resource);
      expect(requests.every((r) => param(r, "limit") === "50")).toBe(true);
      const [asc, desc] = requests;
      expect([param(asc, "dir"), param(desc, "dir")].sort()).toEqual([
        "asc",
        "desc",
      ]);
      expect(windowEnd(asc)).toBeGreaterThanOrEqual(started + HOUR - 1000);
      expect(windowEnd(desc)).toBe(windowEnd(asc));
    }
  });

  it("reads dense ids with one request per 50 records, and counts Coupa's pages", async () => {
    const invoices = table("invoices");
    harness.sim.admin.clearRequestLog();
    const report = await extract(harness, [invoices], "full");

    const records = [...harness.sim.data.groundTruth("invoices")].length;
    expect(requestsTo(harness, "invoices")).toHaveLength(records / 50);
    expect(report.tables[0]?.requests).toBe(records / 50);
    expect(report.tables[0]?.pages).toBe(records / 50);
    expect(
      await groundTruthDiff(harness.poolPath, harness.sim.data, invoices),
    ).toEqual([]);
  });

  it("asks for Coupa's clock with one probe when the run mints no token", async () => {
    const poolPath = path.join(harness.dir, "given-sources.duckdb");
    const client = new CoupaClient({
      connection: harness.connection,
      rateLimiter: new RateLimiter({ requestsPerSecond: 500, burst: 50 }),
    });
    const createSource = (): ExtractionSource => ({
      getPage: (p, query, options) => client.getPage(p, query, options),
      stats: () => client.stats(),
      close: async () => undefined,
    });
    const users = table("users");
    harness.sim.admin.clearRequestLog();
    const started = Date.now();
    const report = await extract({ ...harness, poolPath }, [users], "full", {
      createSource,
    });
    await client.close();

    expect(report.status).toBe("succeeded");
    const [probe, ...pages] = requestsTo(harness, "users");
    expect(param(probe, "limit")).toBe("1");
    expect(param(probe, "updated_at[lt]")).toBeUndefined();
    expect(pages.length).toBeGreaterThan(0);
    for (const page of pages) {
      expect(windowEnd(page)).toBeGreaterThanOrEqual(started + HOUR - 1000);
    }
    expect(await groundTruthDiff(poolPath, harness.sim.data, users)).toEqual(
      [],
    );
  });
});

describe("a table of 51 to 100 records", () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness({ size: 80, seed: 37 });
  });
  afterAll(async () => {
    await harness.close();
  });

  it("is read whole by its first and last page, overlapping records once", async () => {
    const invoices = table("invoices");
    const report = await extract(harness, [invoices], "full");

    expect(requestsTo(harness, "invoices")).toHaveLength(2);
    expect(report.tables[0]?.rowsInserted).toBe(80);
    expect(
      await groundTruthDiff(harness.poolPath, harness.sim.data, invoices),
    ).toEqual([]);
  });
});
