import { describe, expect, it } from "vitest";
import {
  getCatalog,
  SUPPORTED_RESOURCES,
} from "../../../src/catalog/catalog.js";
import { BASE_TIMELINE } from "../../../src/simulator/data/base-timeline.js";
import { createSimulatorData } from "../../../src/simulator/data/create-simulator-data.js";
import { LEGACY_CUSTOM_KEYS } from "../../../src/simulator/data/legacy-custom-keys.js";
import { instant, shapeProblems, smallTenant, truth } from "./record-checks.js";

const { data } = smallTenant(3, 150);
data.update("invoices", 10);
data.update("purchase_orders", 10);
data.insert("invoices", 3);
data.addCustomField("invoices", "cf-approved-budget", "decimal");

describe("simulator record shape", () => {
  it("serves every supported resource", () => {
    expect([...data.resources].sort()).toEqual([...SUPPORTED_RESOURCES].sort());
  });

  it("emits only keys and JSON types the catalog defines, at every depth", () => {
    const catalog = getCatalog();
    for (const resource of data.resources) {
      const definition = catalog.resources[resource]?.definition ?? "";
      const legacy = LEGACY_CUSTOM_KEYS[resource] ?? [];
      const problems = truth(data, resource).flatMap((record) =>
        shapeProblems(record, definition, legacy),
      );
      expect(problems.slice(0, 5), resource).toEqual([]);
    }
  });

  it("writes datetimes with numeric offsets and mixes several offsets", () => {
    const offsets = new Set(
      truth(data, "invoices").map((r) => String(r["created-at"]).slice(-6)),
    );
    expect(offsets.size).toBeGreaterThanOrEqual(3);
  });

  it("puts a custom-fields object on every record and legacy keys on some resources", () => {
    for (const resource of data.resources) {
      for (const record of truth(data, resource).slice(0, 20)) {
        expect(typeof record["custom-fields"], resource).toBe("object");
      }
    }
    const invoice = data.get("invoices", 1) ?? {};
    expect(Object.keys(invoice)).toEqual(
      expect.arrayContaining(["custom-field-1", "custom-field-2"]),
    );
    expect(Object.keys(invoice["custom-fields"] as object)).toEqual(
      expect.arrayContaining(["cf-erp-invoice-number", "cf-cost-center"]),
    );
  });

  it("keeps updated-at at or after created-at and base data before its horizon", () => {
    const fresh = smallTenant(4, 150).data;
    for (const resource of fresh.resources) {
      for (const record of truth(fresh, resource)) {
        const created = instant(record["created-at"]);
        const updated = instant(record["updated-at"]);
        expect(updated, `${resource} ${record.id}`).toBeGreaterThanOrEqual(
          created,
        );
        expect(updated).toBeLessThan(BASE_TIMELINE.updatedBefore);
      }
    }
  });

  it("uses documented status values", () => {
    const resources = getCatalog().resources;
    for (const resource of ["invoices", "purchase_orders", "requisitions"]) {
      const allowed = resources[resource]?.documentedValues.status ?? [];
      const seen = new Set(truth(data, resource).map((r) => r.status));
      for (const status of seen) expect(allowed, resource).toContain(status);
      expect(seen.size, resource).toBeGreaterThan(1);
    }
  });

  it("has populated headers of 20 to 50 keys for the purchase-to-pay documents", () => {
    for (const resource of ["invoices", "purchase_orders", "requisitions"]) {
      const keys = Object.keys(data.get(resource, 2) ?? {}).length;
      expect(keys, resource).toBeGreaterThanOrEqual(20);
      expect(keys, resource).toBeLessThanOrEqual(50);
    }
  });

  it("gives invoices 1 to 9 lines, about 5 on average", () => {
    const counts = truth(smallTenant(4, 400).data, "invoices").map(
      (r) => (r["invoice-lines"] as unknown[]).length,
    );
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...counts)).toBeLessThanOrEqual(9);
    const average = counts.reduce((a, b) => a + b, 0) / counts.length;
    expect(average).toBeGreaterThan(4.5);
    expect(average).toBeLessThan(5.5);
  });

  it("keeps natural keys unique: user logins and emails, supplier names and numbers", () => {
    const large = createSimulatorData({ seed: 3, size: 100_000, now: () => 0 });
    const users = truth(large, "users");
    expect(users).toHaveLength(1250);
    expect(new Set(users.map((u) => u.login)).size).toBe(users.length);
    expect(new Set(users.map((u) => u.email)).size).toBe(users.length);
    expect(
      new Set(users.slice(0, 25).map((u) => u.lastname)).size,
    ).toBeGreaterThan(5);
    const suppliers = truth(large, "suppliers");
    expect(suppliers).toHaveLength(2000);
    expect(new Set(suppliers.map((s) => s.name)).size).toBe(suppliers.length);
    expect(new Set(suppliers.map((s) => s.number)).size).toBe(suppliers.length);
  });
});
