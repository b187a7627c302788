import { describe, expect, it } from "vitest";
import { createSimulatorData } from "../../../src/simulator/data/create-simulator-data.js";
import { TEST_NOW, truth } from "./record-checks.js";

function tenant(seed: number, size = 60) {
  return createSimulatorData({ seed, size, now: () => TEST_NOW });
}

describe("simulator data determinism", () => {
  it("gives the same bytes for every resource from two instances with one seed", () => {
    const first = tenant(11);
    const second = tenant(11);
    for (const resource of first.resources) {
      expect(JSON.stringify(truth(second, resource))).toBe(
        JSON.stringify(truth(first, resource)),
      );
    }
  });

  it("gives the same record whether read alone, in a scan or after other reads", () => {
    const data = tenant(11);
    const scanned = truth(data, "invoices").find((r) => r.id === 17);
    const fresh = tenant(11);
    const alone = fresh.get("invoices", 17);
    fresh.get("purchase_orders", 3);
    fresh.get("approvals", 5);
    expect(JSON.stringify(alone)).toBe(JSON.stringify(scanned));
    expect(JSON.stringify(fresh.get("invoices", 17))).toBe(
      JSON.stringify(alone),
    );
  });

  it("gives different data for a different seed", () => {
    const first = tenant(11);
    const other = tenant(12);
    for (const resource of [
      "invoices",
      "purchase_orders",
      "users",
      "suppliers",
    ]) {
      expect(JSON.stringify(truth(other, resource))).not.toBe(
        JSON.stringify(truth(first, resource)),
      );
    }
  });

  it("repeats the same mutations for the same sequence of calls", () => {
    const run = () => {
      let now = TEST_NOW;
      const data = createSimulatorData({ seed: 5, size: 80, now: () => now });
      const picked = [
        data.update("invoices", 6).ids,
        data.remove("purchase_orders", 3).ids,
        data.insert("requisitions", 2).ids,
      ];
      now += 60_000;
      data.addCustomField("invoices", "cf-erp-status", "string");
      picked.push(data.update("invoices", 4).ids);
      const bytes = [
        "invoices",
        "purchase_orders",
        "purchase_order_lines",
        "requisitions",
      ]
        .map((resource) => JSON.stringify(truth(data, resource)))
        .join("\n");
      return { picked, bytes };
    };
    const first = run();
    const second = run();
    expect(second.picked).toEqual(first.picked);
    expect(second.bytes).toBe(first.bytes);
  });
});
