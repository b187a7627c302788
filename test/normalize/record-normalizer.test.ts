import { describe, expect, it } from "vitest";
import { getCatalog } from "../../src/catalog/catalog.js";
import { InvalidRecordError } from "../../src/normalize/invalid-record-error.js";
import { RecordNormalizer } from "../../src/normalize/record-normalizer.js";
import type { RowBatch, TableRows } from "../../src/normalize/row-batch.js";
import { planTableLayout } from "../../src/normalize/table-layout.js";
import type { TableSettings } from "../../src/normalize/table-settings.js";
import { invoiceRecord, invoiceSettings } from "./support/invoice-records.js";

const catalog = getCatalog("R39");
const KEY = Buffer.alloc(32, 7);
const AT = new Date("2024-05-01T12:00:00Z");

function normalizer(settings: TableSettings = invoiceSettings()) {
  return new RecordNormalizer(planTableLayout(settings, catalog), {
    pseudonymKey: KEY,
    pseudonymize: settings.pseudonymize,
    runId: "run-1",
    extractedAt: () => AT,
  });
}

function table(batch: RowBatch, name: string): TableRows {
  const found = batch.tables.find((t) => t.table === name);
  if (!found) throw new Error(`no ${name}`);
  return found;
}

function objects(rows: TableRows): Record<string, unknown>[] {
  return rows.rows.map((row) =>
    Object.fromEntries(rows.columns.map((c, i) => [c.name, row[i]])),
  );
}

describe("RecordNormalizer", () => {
  it("turns a record into a parent row and child rows at every depth", () => {
    const batch = normalizer().normalize([
      invoiceRecord(1, { lines: 3, allocationsPerLine: 2 }),
      invoiceRecord(2, { lines: 1, allocationsPerLine: 1 }),
    ]);
    expect(batch.parentIds).toEqual([1, 2]);
    expect(batch.tables[0]?.table).toBe("invoices");
    expect(table(batch, "invoices").rows).toHaveLength(2);
    expect(table(batch, "invoices__invoice_lines").rows).toHaveLength(4);
    const allocations = objects(
      table(batch, "invoices__invoice_lines__account_allocations"),
    );
    expect(allocations).toHaveLength(7);
    expect(allocations[3]).toMatchObject({
      _root_id: 1,
      _parent_id: 101,
      _parent_position: 1,
      _position: 1,
      id: 10_101,
      amount: "10.25",
    });
  });

  it("fills association columns, run columns and leaves missing fields null", () => {
    const [row] = objects(
      table(normalizer().normalize([invoiceRecord(3)]), "invoices"),
    );
    expect(row).toMatchObject({
      id: 3,
      invoice_number: "INV-3",
      supplier_id: 7003,
      supplier_name: "Supplier 3",
      currency_code: "USD",
      created_by_login: "alice",
      payment_term_code: "Net 30",
      show_tax_information: true,
      _extracted_at: AT,
      _run_id: "run-1",
      _deleted_at: null,
      comments: null,
    });
  });

  it("keeps decimals exact as text", () => {
    const record = {
      ...invoiceRecord(4),
      "gross-total": "12345678901234.5678",
    };
    const [row] = objects(table(normalizer().normalize([record]), "invoices"));
    expect(row?.gross_total).toBe("12345678901234.5678");
  });

  it("parses datetime offsets into the right instant", () => {
    const [row] = objects(
      table(normalizer().normalize([invoiceRecord(5)]), "invoices"),
    );
    expect((row?.created_at as Date | undefined)?.toISOString()).toBe(
      "2024-03-01T17:15:00.000Z",
    );
    expect((row?.updated_at as Date | undefined)?.toISOString()).toBe(
      "2024-03-02T09:00:00.000Z",
    );
  });

  it("turns custom fields into typed columns named after their keys", () => {
    const record = {
      ...invoiceRecord(6, {
        customFields: {
          "cf-erp-invoice-number": "E6",
          "cf-approved-amount": "99.95",
          "cf-reviewed-at": "2024-04-01T08:00:00-04:00",
          "cf-priority": 3,
          status: "internal",
        },
      }),
      "custom-field-1": "legacy",
    };
    const rows = table(normalizer().normalize([record]), "invoices");
    const byName = new Map(rows.columns.map((c) => [c.name, c]));
    expect(byName.get("cf_erp_invoice_number")?.source).toBe(
      "custom-fields.cf-erp-invoice-number",
    );
    expect(byName.get("cf_approved_amount")?.type.kind).toBe("decimal");
    expect(byName.get("cf_reviewed_at")?.type.kind).toBe("timestamptz");
    expect(byName.get("cf_priority")?.type.kind).toBe("bigint");
    // "status" is a standard column: the custom one steps aside.
    expect(byName.get("custom_status")?.source).toBe("custom-fields.status");
    expect(byName.get("custom_field_1")?.source).toBe("custom-field-1");
    const [row] = objects(rows);
    expect(row).toMatchObject({
      status: "approved",
      custom_status: "internal",
      cf_approved_amount: "99.95",
      cf_priority: 3,
      custom_field_1: "legacy",
    });
    expect((row?.cf_reviewed_at as Date | undefined)?.toISOString()).toBe(
      "2024-04-01T12:00:00.000Z",
    );
  });

  it("keeps custom-field columns across pages and widens their type", () => {
    const n = normalizer();
    n.normalize([invoiceRecord(7, { customFields: { "cf-code": 12 } })]);
    const second = table(
      n.normalize([invoiceRecord(8, { customFields: { "cf-code": "A-12" } })]),
      "invoices",
    );
    expect(second.columns.find((c) => c.name === "cf_code")?.type).toEqual({
      kind: "varchar",
    });
    const third = table(
      n.normalize([invoiceRecord(9, { customFields: {} })]),
      "invoices",
    );
    expect(third.columns.map((c) => c.name)).toContain("cf_code");
  });

  it("pseudonymizes listed columns in every table, never keeping the raw value", () => {
    const settings = invoiceSettings({
      pseudonymize: ["supplier_name", "created_by_email"],
    });
    const batch = normalizer(settings).normalize([
      invoiceRecord(10, { supplier: "Acme" }),
      invoiceRecord(11, { supplier: "Acme" }),
      invoiceRecord(12, { supplier: "Other" }),
    ]);
    const rows = objects(table(batch, "invoices"));
    const names = rows.map((r) => r.supplier_name);
    expect(names[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(names[0]).toBe(names[1]);
    expect(names[2]).not.toBe(names[0]);
    expect(JSON.stringify(batch)).not.toContain("Acme");
    expect(JSON.stringify(batch)).not.toContain("alice@example.com");
  });

  it("counts a record repeated in a page once, keeping the last copy", () => {
    const batch = normalizer().normalize([
      invoiceRecord(13, { lines: 2 }),
      { ...invoiceRecord(13, { lines: 1 }), "invoice-number": "LAST" },
    ]);
    expect(batch.parentIds).toEqual([13]);
    expect(objects(table(batch, "invoices"))[0]?.invoice_number).toBe("LAST");
    expect(table(batch, "invoices__invoice_lines").rows).toHaveLength(1);
  });

  it("rejects a record without an integer id", () => {
    expect(() => normalizer().normalize([{ "invoice-number": "X" }])).toThrow(
      InvalidRecordError,
    );
  });
});
