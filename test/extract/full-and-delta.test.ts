import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  extract,
  type Harness,
  nextSecond,
  startHarness,
  table,
} from "./support/extraction-harness.js";
import { duplicateKeys, groundTruthDiff } from "./support/ground-truth.js";

const TABLES = [
  table("invoices", { detectDeletes: true }),
  table("purchase_orders", { detectDeletes: true }),
  table("suppliers"),
  table("users"),
  table("approvals"),
  table("requisitions"),
  table("remit_to_addresses"),
];

describe("full and delta loads", () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness({ size: 300, seed: 11 });
  });
  afterAll(async () => {
    await harness.close();
  });

  it("leaves every parent and child table equal to Coupa after a full load", async () => {
    const report = await extract(harness, TABLES, "auto");
    expect(report.tables.flatMap((t) => t.error ?? [])).toEqual([]);
    expect(report.status).toBe("succeeded");
    for (const settings of TABLES) {
      const entry = report.tables.find((t) => t.table === settings.target);
      expect(entry?.mode).toBe("full");
      expect(
        await groundTruthDiff(harness.poolPath, harness.sim.data, settings),
      ).toEqual([]);
      expect(await duplicateKeys(harness.poolPath, settings.target)).toBe(0);
    }
    const invoices = report.tables.find((t) => t.table === "invoices");
    expect(invoices?.rowsInserted).toBe(
      [...harness.sim.data.groundTruth("invoices")].length,
    );
  });

  it("brings updates, inserts, deletes and changed lines in with a delta", async () => {
    const data = harness.sim.data;
    const updated = data.update("invoices", 25, { touchLines: true });
    data.insert("invoices", 7);
    const removed = data.remove("invoices", 4);
    data.update("purchase_orders", 10, { touchLines: true });
    data.remove("purchase_orders", 2);
    data.update("suppliers", 3);
    await nextSecond();
    harness.sim.admin.clearRequestLog();

    const report = await extract(harness, TABLES, "auto");
    expect(report.tables.flatMap((t) => t.error ?? [])).toEqual([]);
    expect(report.status).toBe("succeeded");
    const invoices = report.tables.find((t) => t.table === "invoices");
    expect(invoices?.mode).toBe("delta");
    expect(invoices?.rowsDeleted).toBe(4);
    expect(invoices?.rowsInserted).toBe(7);
    const stillLive = updated.ids.filter((id) => !removed.ids.includes(id));
    expect(invoices?.rowsUpdated).toBe(stillLive.length);
    for (const settings of TABLES) {
      expect(await groundTruthDiff(harness.poolPath, data, settings)).toEqual(
        [],
      );
    }
  });
});
