import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  extract,
  type Harness,
  nextSecond,
  startHarness,
  table,
} from "./support/extraction-harness.js";
import { groundTruthDiff } from "./support/ground-truth.js";

describe("delta cost", () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness({ size: 500, seed: 29 });
  });
  afterAll(async () => {
    await harness.close();
  });

  it("reads only the changed records' pages plus one per time slice, no probe", async () => {
    const invoices = table("invoices");
    await extract(harness, [invoices], "full");
    const changed = harness.sim.data.update("invoices", 120);
    await nextSecond();
    harness.sim.admin.clearRequestLog();

    const report = await extract(harness, [invoices], "auto");
    const requests = harness.sim.admin
      .requestLog()
      .filter((entry) => entry.path === "/api/invoices");
    const slices = 8;
    expect(report.tables[0]?.rowsUpdated).toBe(changed.ids.length);
    expect(requests.length).toBeLessThanOrEqual(
      Math.ceil(changed.ids.length / 50) + slices,
    );
    for (const entry of requests) {
      const keys = entry.query.map(([key]) => key);
      expect(keys).not.toContain("offset");
      expect(keys).toContain("order_by");
      expect(keys).toContain("updated_at[gt_or_eq]");
    }
    expect(
      await groundTruthDiff(harness.poolPath, harness.sim.data, invoices),
    ).toEqual([]);
  });
});
