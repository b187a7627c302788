import { describe, expect, it } from "vitest";
import {
  getCatalog,
  getResource,
  LATEST_API_VERSION,
  SUPPORTED_RESOURCES,
} from "../src/catalog/catalog.js";

describe("resource catalog", () => {
  it("knows every supported resource with its scope and keys", () => {
    const catalog = getCatalog();
    for (const name of SUPPORTED_RESOURCES) {
      const resource = catalog.resources[name];
      expect(resource, name).toBeDefined();
      expect(resource?.scope).toMatch(/^core\.[a-z_.]+\.read$/);
      expect(resource?.primaryKey).toBe("id");
      expect(catalog.definitions[resource?.definition ?? ""]).toBeDefined();
    }
  });

  it("describes invoices with lines, allocations and associations", () => {
    const catalog = getCatalog("R39");
    const invoice = catalog.definitions.InvoiceHeader;
    const line = catalog.definitions.InvoiceLine;
    expect(getResource("invoices").updatedAtField).toBe("updated-at");
    expect(invoice?.collections.map((c) => c.name)).toContain("invoice-lines");
    expect(line?.collections.map((c) => c.name)).toContain(
      "account-allocations",
    );
    const supplier = invoice?.associations.find((a) => a.name === "supplier");
    expect(supplier?.naturalKeys).toContain("name");
    const total = invoice?.fields.find((f) => f.name === "gross-total");
    expect(total?.type).toBe("decimal");
  });

  it("marks resources listed under a parent", () => {
    expect(getResource("remit_to_addresses").parent).toEqual({
      resource: "suppliers",
      pathParameter: "supplier_id",
    });
  });

  it("defaults to the latest release and rejects unknown ones", () => {
    expect(LATEST_API_VERSION).toBe("R39");
    expect(() => getCatalog("R12")).toThrow(
      'Unknown Coupa API version "R12". Known versions: R39.',
    );
    expect(() => getResource("invoicez")).toThrow(
      /Known resources: .*invoices/,
    );
  });
});
