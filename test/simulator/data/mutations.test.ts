import { describe, expect, it } from "vitest";
import { getCatalog } from "../../../src/catalog/catalog.js";
import { LEGACY_CUSTOM_KEYS } from "../../../src/simulator/data/legacy-custom-keys.js";
import type { SimRecord } from "../../../src/simulator/data/simulator-data.js";
import { UnknownRecordError } from "../../../src/simulator/data/unknown-record-error.js";
import { UnknownResourceError } from "../../../src/simulator/data/unknown-resource-error.js";
import {
  cents,
  instant,
  list,
  shapeProblems,
  smallTenant,
  TEST_NOW,
  truth,
} from "./record-checks.js";

const NOW_SECOND = Math.floor(TEST_NOW / 1000) * 1000;

function lineKey(record: SimRecord | undefined, collection: string): string {
  return JSON.stringify(
    list(record?.[collection]).map((l) => [l.id, l["updated-at"]]),
  );
}

describe("simulator mutations", () => {
  it("moves updated-at of updated records to now and changes them", () => {
    const { data } = smallTenant();
    const before = new Map(
      truth(data, "invoices").map((r) => [r.id, JSON.stringify(r)]),
    );
    const { ids } = data.update("invoices", 8);
    expect(new Set(ids).size).toBe(8);
    for (const id of ids) {
      const record = data.get("invoices", id);
      expect(instant(record?.["updated-at"])).toBe(NOW_SECOND);
      expect(JSON.stringify(record)).not.toBe(before.get(id));
    }
    const untouched = truth(data, "invoices").filter(
      (r) => !ids.includes(r.id as number),
    );
    for (const record of untouched) {
      expect(JSON.stringify(record)).toBe(before.get(record.id));
    }
  });

  it("adds, removes or changes a line of each updated document and recomputes its total", () => {
    const { data } = smallTenant();
    for (const [resource, collection] of [
      ["invoices", "invoice-lines"],
      ["purchase_orders", "order-lines"],
      ["requisitions", "requisition-lines"],
      ["expense_reports", "expense-lines"],
    ] as const) {
      const ids = truth(data, resource)
        .slice(0, 6)
        .map((r) => r.id as number);
      const before = ids.map((id) =>
        lineKey(data.get(resource, id), collection),
      );
      data.update(resource, 0, { ids });
      ids.forEach((id, index) => {
        const record = data.get(resource, id);
        expect(lineKey(record, collection), `${resource} ${id}`).not.toBe(
          before[index],
        );
        const touched = list(record?.[collection]).filter(
          (l) => instant(l["updated-at"]) === NOW_SECOND,
        );
        const removed =
          list(record?.[collection]).length <
          JSON.parse(before[index] ?? "[]").length;
        expect(touched.length === 1 || removed, `${resource} ${id}`).toBe(true);
      });
    }
    for (const invoice of truth(data, "invoices").slice(0, 6)) {
      const lines = list(invoice["invoice-lines"]);
      const net = lines.reduce(
        (t, l) => t + cents(l.total) + cents(l["tax-amount"]),
        0,
      );
      expect(cents(invoice["gross-total"])).toBe(net);
    }
  });

  it("keeps the lines when touchLines is false", () => {
    const { data } = smallTenant();
    const before = lineKey(data.get("invoices", 3), "invoice-lines");
    data.update("invoices", 0, { ids: [3], touchLines: false });
    expect(lineKey(data.get("invoices", 3), "invoice-lines")).toBe(before);
    expect(instant(data.get("invoices", 3)?.["updated-at"])).toBe(NOW_SECOND);
  });

  it("keeps natural keys of embeddable records when they change", () => {
    const { data } = smallTenant();
    const keys = (r: SimRecord | undefined) => [
      r?.name,
      r?.number,
      r?.login,
      r?.email,
      r?.code,
    ];
    for (const resource of [
      "suppliers",
      "users",
      "accounts",
      "payment_terms",
    ]) {
      const before = keys(data.get(resource, 2));
      data.update(resource, 0, { ids: [2] });
      expect(keys(data.get(resource, 2)), resource).toEqual(before);
    }
  });

  it("changes an order and its embedded line when a purchase order line is updated", () => {
    const { data } = smallTenant();
    const line = truth(data, "purchase_order_lines")[10] as SimRecord;
    const orderId = line["order-header-id"] as number;
    data.update("purchase_order_lines", 0, { ids: [line.id as number] });
    const order = data.get("purchase_orders", orderId);
    const changed = data.get("purchase_order_lines", line.id as number);
    expect(instant(order?.["updated-at"])).toBe(NOW_SECOND);
    expect(instant(changed?.["updated-at"])).toBe(NOW_SECOND);
    const embedded = list(order?.["order-lines"]).find((l) => l.id === line.id);
    expect(JSON.stringify(embedded)).toBe(JSON.stringify(changed));
  });

  it("inserts records above the maximum id, created and updated now", () => {
    const { data } = smallTenant();
    for (const resource of [
      "invoices",
      "purchase_order_lines",
      "approvals",
      "remit_to_addresses",
    ]) {
      const max = data.idRange(resource)?.max ?? 0;
      const { ids } = data.insert(resource, 3);
      expect(ids).toHaveLength(3);
      expect(Math.min(...ids), resource).toBeGreaterThan(max);
      expect(data.idRange(resource)?.max).toBe(Math.max(...ids));
      for (const id of ids) {
        const record = data.get(resource, id);
        expect(instant(record?.["created-at"]), resource).toBe(NOW_SECOND);
        expect(instant(record?.["updated-at"]), resource).toBe(NOW_SECOND);
      }
      const listed = truth(data, resource).map((r) => r.id);
      expect(listed.slice(-3)).toEqual(ids);
    }
  });

  it("removes records from get, scan and ground truth", () => {
    const { data } = smallTenant();
    const { ids } = data.remove("invoices", 4);
    expect(ids).toHaveLength(4);
    const live = truth(data, "invoices").map((r) => r.id as number);
    for (const id of ids) {
      expect(data.get("invoices", id)).toBeUndefined();
      expect(live).not.toContain(id);
      expect([
        ...data.scan("invoices", { afterId: id - 1, beforeId: id + 1 }),
      ]).toEqual([]);
    }
    expect(live).toHaveLength(120 - 4);
  });

  it("removes an order's lines with it, and a removed line from its order", () => {
    const { data } = smallTenant();
    const order = data.get("purchase_orders", 5);
    const lineIds = list(order?.["order-lines"]).map((l) => l.id as number);
    data.remove("purchase_orders", 0, [5]);
    for (const id of lineIds)
      expect(data.get("purchase_order_lines", id)).toBeUndefined();
    const other = list(data.get("purchase_orders", 6)?.["order-lines"]);
    const gone = other[0]?.id as number;
    data.remove("purchase_order_lines", 0, [gone]);
    const after = list(data.get("purchase_orders", 6)?.["order-lines"]).map(
      (l) => l.id,
    );
    expect(after).not.toContain(gone);
    expect(truth(data, "purchase_order_lines").map((l) => l.id)).not.toContain(
      gone,
    );
    expect(instant(data.get("purchase_orders", 6)?.["updated-at"])).toBe(
      NOW_SECOND,
    );
  });

  it("shows an added custom field on every record: valued when changed later, null otherwise", () => {
    const { data, clock } = smallTenant();
    const [early] = data.update("invoices", 1).ids;
    clock.now += 60_000;
    data.addCustomField("invoices", "cf-erp-status", "string");
    data.addCustomField("invoices", "cf-approved-budget", "decimal");
    const { ids: later } = data.update("invoices", 3);
    const [inserted] = data.insert("invoices", 1).ids;
    for (const record of truth(data, "invoices")) {
      const fields = record["custom-fields"] as SimRecord;
      expect(Object.keys(fields)).toEqual(
        expect.arrayContaining(["cf-erp-status", "cf-approved-budget"]),
      );
      const changedAfter =
        later.includes(record.id as number) || record.id === inserted;
      if (changedAfter) {
        expect(typeof fields["cf-erp-status"]).toBe("string");
        expect(cents(fields["cf-approved-budget"])).toBeGreaterThanOrEqual(0);
      } else {
        expect(fields["cf-erp-status"], `invoice ${record.id}`).toBeNull();
      }
    }
    expect(later).not.toContain(early);
    const earlyRecord = data.get("invoices", early as number) ?? {};
    const earlyFields = earlyRecord["custom-fields"] as SimRecord;
    expect(earlyFields["cf-erp-status"]).toBeNull();
  });

  it("leaves a supplier's remit-to addresses alone when the supplier is updated", () => {
    const { data } = smallTenant();
    const before = JSON.stringify(
      data.get("suppliers", 4)?.["remit-to-addresses"],
    );
    data.update("suppliers", 0, { ids: [4] });
    const after = data.get("suppliers", 4);
    expect(JSON.stringify(after?.["remit-to-addresses"])).toBe(before);
    expect(instant(after?.["updated-at"])).toBe(NOW_SECOND);
  });

  it("keeps every resource well-formed after updates, inserts and removals", () => {
    const { data, clock } = smallTenant(13, 60);
    for (const resource of data.resources) {
      data.update(resource, 5);
      clock.now += 1000;
      data.insert(resource, 2);
      data.remove(resource, 2);
      data.update(resource, 3);
    }
    const catalog = getCatalog();
    for (const resource of data.resources) {
      const definition = catalog.resources[resource]?.definition ?? "";
      const legacy = LEGACY_CUSTOM_KEYS[resource] ?? [];
      for (const record of truth(data, resource)) {
        expect(shapeProblems(record, definition, legacy), resource).toEqual([]);
        const created = instant(record["created-at"]);
        expect(instant(record["updated-at"])).toBeGreaterThanOrEqual(created);
      }
    }
    for (const order of truth(data, "purchase_orders")) {
      for (const line of list(order["order-lines"])) {
        const allocations = list(line["account-allocations"]);
        const sum = allocations.reduce((t, a) => t + cents(a.amount), 0);
        expect(sum).toBe(cents(line.total));
      }
    }
  });

  it("rejects unknown resources, dead ids and bad custom field names with a clear message", () => {
    const { data } = smallTenant();
    expect(() => data.get("invoice", 1)).toThrow(UnknownResourceError);
    expect(() => data.scan("nope")).toThrow(/no resource "nope".*invoices/);
    data.remove("invoices", 0, [7]);
    expect(() => data.update("invoices", 0, { ids: [7] })).toThrow(
      UnknownRecordError,
    );
    expect(() => data.remove("invoices", 0, [9999])).toThrow(
      /no live record with id 9999/,
    );
    expect(() => data.addCustomField("invoices", "Bad Name", "string")).toThrow(
      /dashed lower-case/,
    );
    expect(data.get("invoices", 7)).toBeUndefined();
    expect(data.get("invoices", 0)).toBeUndefined();
    expect(data.get("invoices", 1.5)).toBeUndefined();
  });
});
