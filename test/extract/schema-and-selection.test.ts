import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  extract,
  type Harness,
  nextSecond,
  startHarness,
  table,
} from "./support/extraction-harness.js";
import { groundTruthDiff } from "./support/ground-truth.js";
import { poolQuery } from "./support/pool-query.js";

describe("schema drift", () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness({ size: 120, seed: 5 });
  });
  afterAll(async () => {
    await harness.close();
  });

  it("adds a column for a new custom field with drift evolve", async () => {
    const invoices = table("invoices");
    await extract(harness, [invoices], "auto");
    harness.sim.data.addCustomField("invoices", "cf-region-code", "string");
    harness.sim.data.update("invoices", 10, { touchLines: false });
    await nextSecond();

    const report = await extract(harness, [invoices], "auto");
    expect(report.tables[0]?.error).toBeUndefined();
    expect(report.tables[0]?.schemaChanges).toBeGreaterThan(0);
    const columns = await poolQuery(
      harness.poolPath,
      "SELECT column_name FROM information_schema.columns " +
        "WHERE table_name = 'invoices' AND column_name LIKE '%region_code%'",
    );
    expect(columns).toHaveLength(1);
    expect(
      await groundTruthDiff(harness.poolPath, harness.sim.data, invoices),
    ).toEqual([]);
  });

  it("fails a table naming the new column with drift fail, writing nothing", async () => {
    // The first load settles the table's shape, custom fields included.
    await extract(harness, [table("suppliers")], "auto");
    const suppliers = table("suppliers", { drift: "fail" });
    const before = await poolQuery(
      harness.poolPath,
      "SELECT max(updated_at) AS m, count(*) AS n FROM suppliers",
    );
    harness.sim.data.addCustomField("suppliers", "cf-risk-tier", "string");
    harness.sim.data.update("suppliers", 4);
    await nextSecond();

    const report = await extract(harness, [suppliers], "auto");
    expect(report.status).toBe("failed");
    expect(report.tables[0]?.error?.code).toBe("SCHEMA_DRIFT");
    expect(report.tables[0]?.error?.message).toContain("cf_risk_tier");
    expect(report.tables[0]?.watermark).toBeNull();
    const after = await poolQuery(
      harness.poolPath,
      "SELECT max(updated_at) AS m, count(*) AS n FROM suppliers",
    );
    expect(after).toEqual(before);
  });
});

describe("column selection, filters and pseudonymization", () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness({ size: 150, seed: 9 });
  });
  afterAll(async () => {
    await harness.close();
  });

  it("pushes fields and filter conditions into the request and the table", async () => {
    const invoices = table("invoices", {
      columns: ["id", "invoice_number", "status", "updated_at"],
      filter: [["status[in]", "approved,voided"]],
    });
    const report = await extract(harness, [invoices], "full");
    expect(report.tables[0]?.error).toBeUndefined();

    const reads = harness.sim.admin
      .requestLog()
      .filter(
        (e) =>
          e.path === "/api/invoices" &&
          e.query.some(([k, v]) => k === "limit" && v === "50"),
      );
    expect(reads.length).toBeGreaterThan(0);
    for (const entry of reads) {
      const query = new Map(entry.query);
      expect(query.get("status[in]")).toBe("approved,voided");
      expect(query.get("fields")).toContain("invoice_number");
      expect(query.has("offset")).toBe(false);
    }

    const columns = await poolQuery(
      harness.poolPath,
      "SELECT column_name FROM information_schema.columns " +
        "WHERE table_name = 'invoices' AND column_name NOT LIKE '\\_%' ESCAPE '\\'",
    );
    expect(columns.map((c) => c.column_name).sort()).toEqual(
      ["id", "invoice_number", "status", "updated_at"].sort(),
    );
    const rows = await poolQuery(
      harness.poolPath,
      "SELECT id, status FROM invoices ORDER BY id",
    );
    const expected = [...harness.sim.data.groundTruth("invoices")]
      .filter((r) => r.status === "approved" || r.status === "voided")
      .map((r) => ({ id: r.id, status: r.status }));
    expect(rows.map((r) => ({ id: Number(r.id), status: r.status }))).toEqual(
      expected,
    );
    expect(expected.length).toBeGreaterThan(0);
  });

  it("pseudonymizes supplier names equally across tables, stably, never raw", async () => {
    const invoices = table("invoices", {
      target: "inv",
      pseudonymize: ["supplier_name"],
    });
    const suppliers = table("suppliers", { pseudonymize: ["name"] });
    await extract(harness, [invoices, suppliers], "full");
    const first = await poolQuery(
      harness.poolPath,
      "SELECT i.id, i.supplier_id, i.supplier_name, s.name FROM inv i " +
        "JOIN suppliers s ON s.id = i.supplier_id ORDER BY i.id",
    );
    expect(first.length).toBeGreaterThan(0);
    const rawNames = new Set(
      [...harness.sim.data.groundTruth("suppliers")].map((s) => s.name),
    );
    for (const row of first) {
      expect(row.supplier_name).toBe(row.name);
      expect(rawNames.has(row.supplier_name)).toBe(false);
      expect(String(row.supplier_name)).toMatch(/^[0-9a-f]{16,}$/);
    }

    await extract(harness, [invoices, suppliers], "full");
    const second = await poolQuery(
      harness.poolPath,
      "SELECT i.id, i.supplier_id, i.supplier_name, s.name FROM inv i " +
        "JOIN suppliers s ON s.id = i.supplier_id ORDER BY i.id",
    );
    expect(second).toEqual(first);
  });
});
