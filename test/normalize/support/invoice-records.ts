import type { TableSettings } from "../../../src/normalize/table-settings.js";

/** Settings of the invoices table with everything at its default. */
export function invoiceSettings(
  overrides: Partial<TableSettings> = {},
): TableSettings {
  return {
    resource: "invoices",
    target: "invoices",
    filter: [],
    pseudonymize: [],
    lookbackMs: 0,
    detectDeletes: false,
    drift: "evolve",
    ...overrides,
  };
}

/** Options shaping one generated invoice. */
export interface InvoiceShape {
  readonly lines?: number;
  readonly allocationsPerLine?: number;
  readonly supplier?: string;
  readonly customFields?: Record<string, unknown>;
  readonly updatedAt?: string;
}

/**
 * An invoice as Coupa's JSON API returns it: dashed keys, decimals as
 * strings, datetimes with offsets, embedded associations, nested lines
 * with account allocations.
 */
export function invoiceRecord(
  id: number,
  shape: InvoiceShape = {},
): Record<string, unknown> {
  const lines = shape.lines ?? 2;
  const allocations = shape.allocationsPerLine ?? 2;
  return {
    id,
    "invoice-number": `INV-${id}`,
    status: "approved",
    "created-at": "2024-03-01T09:15:00-08:00",
    "updated-at": shape.updatedAt ?? "2024-03-02T10:00:00+01:00",
    "invoice-date": "2024-02-28T00:00:00-08:00",
    "gross-total": `${id}.50`,
    "exchange-rate": "1.085",
    paid: false,
    "show-tax-information?": true,
    "line-level-taxation": false,
    supplier: {
      id: 7000 + (id % 5),
      name: shape.supplier ?? `Supplier ${id % 5}`,
      number: `S-${id % 5}`,
      "created-at": "2020-01-01T00:00:00Z",
    },
    currency: { id: 1, code: "USD", name: "US Dollar" },
    "created-by": { id: 11, login: "alice", email: "alice@example.com" },
    "payment-term": { id: 3, code: "Net 30" },
    "custom-fields": shape.customFields ?? {
      "cf-erp-invoice-number": `E${id}`,
    },
    "invoice-lines": Array.from({ length: lines }, (_, l) => ({
      id: id * 100 + l,
      "line-num": l + 1,
      description: `Line ${l + 1}`,
      quantity: "2.000000",
      price: "10.25",
      total: "20.50",
      "updated-at": "2024-03-02T10:00:00+01:00",
      account: { id: 500 + l, code: `ACC-${l}`, name: "Office" },
      "created-by": { id: 11, login: "alice", email: "alice@example.com" },
      "account-allocations": Array.from({ length: allocations }, (_, a) => ({
        id: id * 10_000 + l * 100 + a,
        amount: "10.25",
        pct: "50.0",
      })),
    })),
  };
}
