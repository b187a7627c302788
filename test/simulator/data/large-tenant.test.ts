import { describe, expect, it } from "vitest";
import { BASE_TIMELINE } from "../../../src/simulator/data/base-timeline.js";
import { createSimulatorData } from "../../../src/simulator/data/create-simulator-data.js";
import { instant, list, TEST_NOW } from "./record-checks.js";

describe("simulator data at a million invoices", () => {
  it("creates the tenant and reads records near the end without storing records", () => {
    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const data = createSimulatorData({
      seed: 1,
      size: 1_000_000,
      now: () => TEST_NOW,
    });

    const invoice = data.get("invoices", 999_999);
    expect(invoice?.id).toBe(999_999);
    const line = list(invoice?.["invoice-lines"])[0];
    expect(
      data.get("purchase_order_lines", line?.["order-line-id"] as number),
    ).toBeDefined();
    expect(data.idRange("invoices")).toEqual({ min: 1, max: 1_000_000 });
    expect(data.idRange("purchase_orders")?.max).toBe(800_000);

    for (const resource of data.resources) {
      const range = data.idRange(resource);
      expect(range, resource).toBeDefined();
      expect(data.get(resource, range?.max ?? 0)?.id, resource).toBe(
        range?.max,
      );
      const tail = [
        ...data.scan(resource, { afterId: (range?.max ?? 0) - 200 }),
      ];
      expect(tail.length, resource).toBeGreaterThan(0);
    }

    const heapGrowth = process.memoryUsage().heapUsed - heapBefore;
    expect(heapGrowth).toBeLessThan(64 * 1024 * 1024);
  });

  it("scans only the changes of a million invoices in a window after the base data", () => {
    const data = createSimulatorData({
      seed: 2,
      size: 1_000_000,
      now: () => TEST_NOW,
    });
    const updated = data.update("invoices", 25).ids;
    const inserted = data.insert("invoices", 5).ids;
    const recent = [
      ...data.scan("invoices", { updatedFrom: BASE_TIMELINE.updatedBefore }),
    ];
    expect(recent.map((r) => r.id)).toEqual(
      [...updated, ...inserted].sort((a, b) => a - b),
    );
    for (const record of recent) {
      expect(instant(record["updated-at"])).toBe(
        Math.floor(TEST_NOW / 1000) * 1000,
      );
    }
    const newest: unknown[] = [];
    for (const record of data.scan("invoices", { descending: true })) {
      newest.push(record.id);
      if (newest.length === 3) break;
    }
    expect(newest).toEqual(inserted.slice(-3).reverse());
  }, 30_000);
});
