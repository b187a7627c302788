import { describe, expect, it } from "vitest";
import type { SimRecord } from "../../../src/simulator/data/simulator-data.js";
import { cents, list, smallTenant, truth } from "./record-checks.js";

const { data } = smallTenant(21, 250);
const byId = (resource: string) =>
  new Map(truth(data, resource).map((r) => [r.id as number, r]));
const orders = byId("purchase_orders");
const orderLines = byId("purchase_order_lines");
const requisitions = byId("requisitions");
const invoices = byId("invoices");
const suppliers = byId("suppliers");
const users = byId("users");

function sum(records: SimRecord[], key: string): number {
  return records.reduce((total, r) => total + cents(r[key]), 0);
}

describe("simulator purchase-to-pay relations", () => {
  it("makes invoice totals the sum of their lines and taxes", () => {
    for (const invoice of invoices.values()) {
      const lines = list(invoice["invoice-lines"]);
      const net = sum(lines, "total");
      const tax = sum(lines, "tax-amount");
      expect(cents(invoice["tax-amount"])).toBe(tax);
      expect(cents(invoice["gross-total"])).toBe(net + tax);
      for (const line of lines) {
        const price = cents(line.price);
        const quantity = cents(line.quantity) / 100;
        expect(cents(line.total)).toBe(price * quantity);
      }
    }
  });

  it("makes account allocations add up to their line on invoices and orders", () => {
    const lines = [
      ...[...invoices.values()].flatMap((r) => list(r["invoice-lines"])),
      ...orderLines.values(),
    ];
    let split = 0;
    for (const line of lines) {
      const allocations = list(line["account-allocations"]);
      if (allocations.length > 1) split++;
      expect(sum(allocations, "amount")).toBe(cents(line.total));
    }
    expect(split).toBeGreaterThan(0);
  });

  it("makes requisition, expense report and change request totals the sum of their lines", () => {
    for (const requisition of requisitions.values()) {
      const lines = list(requisition["requisition-lines"]);
      expect(cents(requisition.total)).toBe(sum(lines, "total"));
      expect(requisition["line-count"]).toBe(lines.length);
    }
    for (const report of truth(data, "expense_reports")) {
      expect(cents(report.total)).toBe(
        sum(list(report["expense-lines"]), "amount"),
      );
    }
    for (const change of truth(data, "purchase_order_changes")) {
      expect(cents(change.total)).toBe(
        sum(list(change["order-line-changes"]), "total"),
      );
    }
  });

  it("points every invoice line at an order line of an order with the same supplier and currency", () => {
    for (const invoice of invoices.values()) {
      for (const line of list(invoice["invoice-lines"])) {
        const orderLine = orderLines.get(line["order-line-id"] as number);
        expect(orderLine, `invoice ${invoice.id}`).toBeDefined();
        const order =
          orders.get(orderLine?.["order-header-id"] as number) ?? {};
        expect(order["po-number"]).toBe(line["po-number"]);
        expect((order.supplier as SimRecord).id).toBe(
          (invoice.supplier as SimRecord).id,
        );
        expect((order.currency as SimRecord).code).toBe(
          (invoice.currency as SimRecord).code,
        );
        expect(line.price).toBe(orderLine?.price);
      }
    }
  });

  it("links requisitions and orders both ways", () => {
    let ordered = 0;
    for (const order of orders.values()) {
      const header = order["requisition-header"] as SimRecord;
      const requisition = requisitions.get(header.id as number);
      expect(requisition).toBeDefined();
      for (const line of list(order["order-lines"])) {
        const reqLine = list(requisition?.["requisition-lines"]).find(
          (l) => String(l.id) === line["requisition-line-id"],
        );
        expect(reqLine?.["order-line-id"]).toBe(line.id);
        expect(reqLine?.["unit-price"]).toBe(line.price);
        ordered++;
      }
    }
    expect(ordered).toBeGreaterThan(0);
  });

  it("points receipts at existing order lines and approvals at existing documents", () => {
    const receipts = truth(data, "inventory_transactions");
    expect(receipts.length).toBeGreaterThan(orders.size);
    for (const receipt of receipts) {
      const ref = receipt["order-line"] as SimRecord;
      const line = orderLines.get(ref.id as number);
      expect(line?.["order-header-id"]).toBe(ref["order-header-id"]);
      expect(receipt.quantity).toBe(line?.quantity);
    }
    const approvals = truth(data, "approvals");
    const kinds = new Set(approvals.map((a) => a["approvable-type"]));
    expect(kinds).toEqual(new Set(["RequisitionHeader", "InvoiceHeader"]));
    for (const approval of approvals) {
      const documents =
        approval["approvable-type"] === "InvoiceHeader"
          ? invoices
          : requisitions;
      expect(documents.has(approval["approvable-id"] as number)).toBe(true);
      expect(users.has((approval.approver as SimRecord).id as number)).toBe(
        true,
      );
    }
  });

  it("serves purchase_order_lines as exactly the orders' embedded lines", () => {
    const embedded = [...orders.values()].flatMap((o) =>
      list(o["order-lines"]),
    );
    expect(JSON.stringify(embedded)).toBe(
      JSON.stringify([...orderLines.values()]),
    );
  });

  it("serves remit-to addresses per supplier as the suppliers embed them", () => {
    const all: SimRecord[] = [];
    for (const supplier of suppliers.values()) {
      const embedded = list(supplier["remit-to-addresses"]);
      const served = [
        ...data.children("remit_to_addresses", supplier.id as number),
      ];
      expect(JSON.stringify(served)).toBe(JSON.stringify(embedded));
      all.push(...embedded);
    }
    expect(JSON.stringify(truth(data, "remit_to_addresses"))).toBe(
      JSON.stringify(all),
    );
    for (const invoice of invoices.values()) {
      const supplier = suppliers.get(
        (invoice.supplier as SimRecord).id as number,
      );
      const remitIds = list(supplier?.["remit-to-addresses"]).map((r) => r.id);
      expect(remitIds).toContain((invoice["remit-to-address"] as SimRecord).id);
    }
  });

  it("embeds associations with the natural keys of the records they point at", () => {
    for (const invoice of invoices.values()) {
      const supplier = invoice.supplier as SimRecord;
      const record = suppliers.get(supplier.id as number);
      expect([supplier.name, supplier.number]).toEqual([
        record?.name,
        record?.number,
      ]);
      const requester = invoice["requested-by"] as SimRecord;
      expect(requester.login).toBe(users.get(requester.id as number)?.login);
    }
  });

  it("pays most old invoices and few recent ones", () => {
    const all = [...invoices.values()];
    const paidShare = (part: SimRecord[]) =>
      part.filter((r) => r.paid).length / part.length;
    expect(paidShare(all.slice(0, 100))).toBeGreaterThan(0.8);
    expect(paidShare(all.slice(-10))).toBeLessThan(0.5);
    for (const invoice of all.filter((r) => r.paid)) {
      const payments = list(invoice.payments);
      expect(payments).toHaveLength(1);
      expect(payments[0]?.["amount-paid"]).toBe(invoice["gross-total"]);
      expect(invoice["amount-due"]).toBe("0.00");
    }
  });
});
