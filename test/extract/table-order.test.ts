import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  extract,
  type Harness,
  startHarness,
  table,
} from "./support/extraction-harness.js";

describe("the order tables are read in", () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness(
      { size: 1200, seed: 41 },
      { maxParallelRequests: 1 },
    );
  });
  afterAll(async () => {
    await harness.close();
  });

  it("reads the larger table's partitions first, each table's in a row", async () => {
    const report = await extract(
      harness,
      [table("purchase_orders"), table("invoices")],
      "full",
    );
    expect(report.status).toBe("succeeded");

    // Partition pages only: the edge pages of planning carry no id[gt].
    const order = harness.sim.admin
      .requestLog()
      .filter((entry) => entry.query.some(([key]) => key === "id[gt]"))
      .map((entry) => entry.path);
    // The larger table's partitions go in a row (the smaller may have
    // started one while the larger was still being planned), and the
    // smaller table's follow, instead of every table's shorter last
    // partition being left for the end.
    const first = order.indexOf("/api/invoices");
    const last = order.lastIndexOf("/api/invoices");
    expect(order.slice(first, last + 1)).not.toContain("/api/purchase_orders");
    expect(order.at(-1)).toBe("/api/purchase_orders");
  });
});
