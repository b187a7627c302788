import { describe, expect, it } from "vitest";
import { BASE_TIMELINE } from "../../../src/simulator/data/base-timeline.js";
import type { ScanOptions } from "../../../src/simulator/data/simulator-data.js";
import { instant, smallTenant, TEST_NOW, truth } from "./record-checks.js";

const { data, clock } = smallTenant(9, 150);
data.update("invoices", 12);
data.update("purchase_orders", 8);
data.update("purchase_order_lines", 5);
data.update("approvals", 6);
data.remove("invoices", 5);
data.remove("purchase_order_lines", 4);
clock.now = TEST_NOW + 3_600_000;
data.insert("invoices", 4);
data.insert("purchase_order_lines", 3);
data.update("remit_to_addresses", 3);
data.remove("approvals", 3);

function bruteForce(resource: string, options: ScanOptions): unknown[] {
  const records = truth(data, resource).filter((record) => {
    const id = record.id as number;
    const updated = instant(record["updated-at"]);
    return (
      (options.afterId === undefined || id > options.afterId) &&
      (options.beforeId === undefined || id < options.beforeId) &&
      (options.updatedFrom === undefined || updated >= options.updatedFrom) &&
      (options.updatedBefore === undefined || updated < options.updatedBefore)
    );
  });
  return options.descending ? records.reverse() : records;
}

const hints: ScanOptions[] = [
  {},
  { afterId: 40 },
  { beforeId: 90 },
  { afterId: 10, beforeId: 60, descending: true },
  { descending: true },
  { updatedFrom: Date.UTC(2025, 0, 1) },
  { updatedFrom: Date.UTC(2024, 6, 1), updatedBefore: Date.UTC(2025, 6, 1) },
  { updatedFrom: BASE_TIMELINE.updatedBefore },
  { updatedFrom: TEST_NOW, afterId: 20 },
  { updatedFrom: TEST_NOW + 1000, descending: true },
  { updatedFrom: BASE_TIMELINE.updatedBefore, updatedBefore: TEST_NOW + 1000 },
  { updatedBefore: BASE_TIMELINE.updatedBefore },
];

describe("simulator scans", () => {
  for (const resource of [
    "invoices",
    "purchase_order_lines",
    "approvals",
    "remit_to_addresses",
    "inventory_transactions",
  ]) {
    it(`returns what a brute-force filter of ground truth returns for ${resource}`, () => {
      for (const options of hints) {
        const scanned = [...data.scan(resource, options)];
        expect(JSON.stringify(scanned), JSON.stringify(options)).toBe(
          JSON.stringify(bruteForce(resource, options)),
        );
      }
    });
  }

  it("finds only changed and inserted records in a window after all base data", () => {
    const recent = [
      ...data.scan("invoices", { updatedFrom: BASE_TIMELINE.updatedBefore }),
    ];
    expect(recent.length).toBeGreaterThan(10);
    expect(recent.length).toBeLessThanOrEqual(12 + 4);
    const ids = recent.map((r) => r.id as number);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
  });

  it("reports the id range of live records only", () => {
    const ids = truth(data, "approvals").map((r) => r.id as number);
    expect(data.idRange("approvals")).toEqual({
      min: Math.min(...ids),
      max: Math.max(...ids),
    });
    const orders = smallTenant(9, 20).data;
    const { max } = orders.idRange("purchase_orders") ?? { max: 0 };
    orders.remove("purchase_orders", 0, [max]);
    expect(orders.idRange("purchase_orders")?.max).toBe(max - 1);
  });

  it("reports an empty resource as having no id range and no records", () => {
    const tenant = smallTenant(9, 10).data;
    const all = truth(tenant, "business_groups").map((r) => r.id as number);
    tenant.remove("business_groups", 0, all);
    expect(tenant.idRange("business_groups")).toBeUndefined();
    expect(truth(tenant, "business_groups")).toEqual([]);
  });
});
