import { describe, expect, it } from "vitest";
import { getCatalog } from "../../src/catalog/catalog.js";
import { planTableLayout } from "../../src/normalize/table-layout.js";
import { UnknownColumnError } from "../../src/normalize/unknown-column-error.js";
import { invoiceSettings } from "./support/invoice-records.js";

const catalog = getCatalog("R39");

function columnsOf(table: string, settings = invoiceSettings()) {
  const layout = planTableLayout(settings, catalog);
  const found = layout.tables.find((t) => t.table === table);
  if (!found) throw new Error(`no ${table} in layout`);
  return found.columns;
}

describe("planTableLayout", () => {
  it("plans a parent table and a child table per nested collection at every depth", () => {
    const layout = planTableLayout(invoiceSettings(), catalog);
    const names = layout.tables.map((t) => t.table);
    expect(names[0]).toBe("invoices");
    expect(layout.tables[0]?.isParent).toBe(true);
    expect(names).toContain("invoices__invoice_lines");
    expect(names).toContain("invoices__invoice_lines__account_allocations");
    expect(names).toContain("invoices__approvals");
    expect(names.filter((n) => n.startsWith("invoices__"))).toHaveLength(
      names.length - 1,
    );
  });

  it("skips collections the catalog dropped as self references", () => {
    const names = planTableLayout(invoiceSettings(), catalog).tables.map(
      (t) => t.table,
    );
    expect(names).not.toContain("invoices__attachments");
    expect(names).not.toContain("invoices__dispute_reasons");
  });

  it("names columns in snake_case and types them from the catalog", () => {
    const columns = columnsOf("invoices");
    const byName = new Map(columns.map((c) => [c.name, c]));
    expect(columns[0]?.name).toBe("id");
    expect(byName.get("invoice_number")?.source).toBe("invoice-number");
    expect(byName.get("show_tax_information")?.source).toBe(
      "show-tax-information?",
    );
    expect(byName.get("id")?.type).toEqual({ kind: "bigint" });
    expect(byName.get("created_at")?.type).toEqual({ kind: "timestamptz" });
    expect(byName.get("paid")?.type).toEqual({ kind: "boolean" });
    expect(byName.get("discount_percent")?.type).toEqual({ kind: "double" });
    expect(byName.get("exchange_rate")?.type).toEqual({
      kind: "decimal",
      precision: 30,
      scale: 9,
    });
  });

  it("clamps decimals wider than DuckDB's 38 digits, keeping integer digits", () => {
    const byName = new Map(
      columnsOf("invoices__invoice_lines").map((c) => [c.name, c.type]),
    );
    // The spec says decimal(46,20): 26 integer digits stay, 12 decimals.
    expect(byName.get("total")).toEqual({
      kind: "decimal",
      precision: 38,
      scale: 12,
    });
  });

  it("flattens associations into their id and natural keys", () => {
    const byName = new Map(columnsOf("invoices").map((c) => [c.name, c]));
    expect(byName.get("supplier_id")?.type).toEqual({ kind: "bigint" });
    expect(byName.get("supplier_name")?.source).toBe("supplier.name");
    expect(byName.get("supplier_number")?.source).toBe("supplier.number");
    expect(byName.get("currency_code")?.source).toBe("currency.code");
    expect(byName.get("created_by_login")?.source).toBe("created-by.login");
    expect(byName.get("payment_term_code")?.source).toBe("payment-term.code");
  });

  it("gives polymorphic associations an id and a type column", () => {
    const byName = new Map(
      columnsOf("invoices__approvals").map((c) => [c.name, c]),
    );
    expect(byName.get("approver_id")?.source).toBe("approver-id|approver.id");
    expect(byName.get("approver_type")?.source).toBe(
      "approver-type|approver.type",
    );
  });

  it("gives child tables the keys that join them back", () => {
    const lines = columnsOf("invoices__invoice_lines").map((c) => c.name);
    expect(lines.slice(0, 4)).toEqual([
      "_root_id",
      "_parent_id",
      "_position",
      "id",
    ]);
    const allocations = columnsOf(
      "invoices__invoice_lines__account_allocations",
    ).map((c) => c.name);
    expect(allocations.slice(0, 4)).toEqual([
      "_root_id",
      "_parent_id",
      "_parent_position",
      "_position",
    ]);
    expect(lines.slice(-2)).toEqual(["_extracted_at", "_run_id"]);
    expect(
      columnsOf("invoices")
        .map((c) => c.name)
        .slice(-3),
    ).toEqual(["_extracted_at", "_run_id", "_deleted_at"]);
  });

  it("honours the target name and a column selection", () => {
    const settings = invoiceSettings({
      target: "ap_invoices",
      columns: [
        "invoice_number",
        { supplier: ["name"] },
        { invoice_lines: ["total"] },
      ],
    });
    const layout = planTableLayout(settings, catalog);
    expect(layout.tables.map((t) => t.table)).toEqual([
      "ap_invoices",
      "ap_invoices__invoice_lines",
    ]);
    expect(layout.tables[0]?.columns.map((c) => c.name)).toEqual([
      "id",
      "invoice_number",
      "updated_at",
      "supplier_id",
      "supplier_name",
      "_extracted_at",
      "_run_id",
      "_deleted_at",
    ]);
    expect(layout.tables[1]?.columns.map((c) => c.name)).toContain("total");
  });

  it("rejects an unknown selected column, naming it and close matches", () => {
    const settings = invoiceSettings({ columns: ["invoice_numbr"] });
    expect(() => planTableLayout(settings, catalog)).toThrow(
      UnknownColumnError,
    );
    expect(() => planTableLayout(settings, catalog)).toThrow(
      /"invoice_numbr".*Did you mean "invoice_number"/,
    );
  });

  it("rejects an unknown pseudonymized column but accepts custom-field names", () => {
    const bad = invoiceSettings({ pseudonymize: ["supplier_nam"] });
    expect(() => planTableLayout(bad, catalog)).toThrow(/"supplier_name"/);
    const custom = invoiceSettings({ pseudonymize: ["cf_employee"] });
    expect(() => planTableLayout(custom, catalog)).not.toThrow();
  });

  it("types pseudonymized columns as text", () => {
    const settings = invoiceSettings({ pseudonymize: ["supplier_id"] });
    const column = columnsOf("invoices", settings).find(
      (c) => c.name === "supplier_id",
    );
    expect(column?.type).toEqual({ kind: "varchar" });
  });
});
