import { describe, expect, it } from "vitest";
import { getCatalog } from "../../src/catalog/catalog.js";
import { fieldsParameter } from "../../src/normalize/fields-parameter.js";
import { UnknownColumnError } from "../../src/normalize/unknown-column-error.js";
import { invoiceSettings } from "./support/invoice-records.js";

const catalog = getCatalog("R39");

describe("fieldsParameter", () => {
  it("asks for all fields when no columns are selected", () => {
    expect(fieldsParameter(invoiceSettings(), catalog)).toBeUndefined();
  });

  it("adds ids, updated_at and association natural keys to a selection", () => {
    const settings = invoiceSettings({
      columns: [
        "invoice_number",
        "supplier",
        { invoice_lines: ["total", { account_allocations: ["amount"] }] },
        { custom_fields: [] },
      ],
    });
    expect(JSON.parse(fieldsParameter(settings, catalog) ?? "")).toEqual([
      "id",
      "updated_at",
      "invoice_number",
      { supplier: ["id", "name", "number"] },
      {
        invoice_lines: [
          "id",
          "updated_at",
          "total",
          { account_allocations: ["id", "updated_at", "amount"] },
        ],
      },
      { custom_fields: {} },
    ]);
  });

  it("keeps named association fields and adds the association id", () => {
    const settings = invoiceSettings({ columns: [{ currency: ["code"] }] });
    expect(JSON.parse(fieldsParameter(settings, catalog) ?? "")).toEqual([
      "id",
      "updated_at",
      { currency: ["id", "code"] },
    ]);
  });

  it("rejects a selected column the catalog does not know", () => {
    const settings = invoiceSettings({ columns: ["nope"] });
    expect(() => fieldsParameter(settings, catalog)).toThrow(
      UnknownColumnError,
    );
  });
});
