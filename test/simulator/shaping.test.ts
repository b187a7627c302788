import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getCatalog } from "../../src/catalog/catalog.js";
import type { SimRecord } from "../../src/simulator/data/simulator-data.js";
import {
  type RunningSimulator,
  startSimulator,
} from "../../src/simulator/start-simulator.js";
import { apiJson, http, mintToken } from "./sim-http.js";

let sim: RunningSimulator;
let token: string;
let first: SimRecord;

beforeAll(async () => {
  sim = await startSimulator({ size: 20, seed: 4, rateLimit: false });
  token = await mintToken(sim);
  first = sim.data.get("invoices", 1) as SimRecord;
});
afterAll(async () => {
  await sim?.close();
});

async function shaped(params: string): Promise<SimRecord> {
  const answer = await apiJson(sim, token, `/api/invoices?limit=1&${params}`);
  expect(answer.status, answer.text).toBe(200);
  return answer.json<SimRecord[]>()[0] as SimRecord;
}

const fields = (value: unknown) =>
  `fields=${encodeURIComponent(JSON.stringify(value))}`;

type Line = Record<string, unknown> & { account: Record<string, unknown> };

describe("fields", () => {
  it("keeps only the named fields, in underscore form", async () => {
    const record = await shaped(fields(["id", "invoice_number", "updated_at"]));
    expect(record).toEqual({
      id: first.id,
      "invoice-number": first["invoice-number"],
      "updated-at": first["updated-at"],
    });
  });

  it("selects recursively into associations and nested collections", async () => {
    const record = await shaped(
      fields([
        "id",
        { supplier: ["name"] },
        { invoice_lines: ["id", { account: ["code"] }] },
      ]),
    );
    const lines = first["invoice-lines"] as Line[];
    expect(record).toEqual({
      id: first.id,
      supplier: { name: (first.supplier as SimRecord).name },
      "invoice-lines": lines.map((line) => ({
        id: line.id,
        account: { code: line.account.code },
      })),
    });
  });

  it("selects all custom fields with {} and some with a list", async () => {
    const custom = first["custom-fields"] as Record<string, unknown>;
    const all = await shaped(fields(["id", { custom_fields: {} }]));
    expect(all).toEqual({ id: first.id, "custom-fields": custom });

    const [name] = Object.keys(custom);
    const some = await shaped(fields([{ custom_fields: [name] }]));
    expect(some).toEqual({
      "custom-fields": { [name as string]: custom[name as string] },
    });
  });

  it("answers 400 for a fields value that is not a selection", async () => {
    const answer = await apiJson(sim, token, "/api/invoices?fields=[id");
    expect(answer.status).toBe(400);
    expect(answer.text).toContain("fields");
  });

  it("applies to members and XML too", async () => {
    const member = await apiJson(
      sim,
      token,
      `/api/invoices/1?${fields(["id", "status"])}`,
    );
    expect(member.json()).toEqual({ id: 1, status: first.status });
    const xml = await http(
      `${sim.baseUrl}/api/invoices?limit=1&${fields(["id", "status"])}`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    expect(xml.text).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<invoice-headers type="array">' +
        `<invoice-header><id type="integer">1</id><status>${first.status}` +
        "</status></invoice-header></invoice-headers>",
    );
  });
});

describe("return_object", () => {
  it("limited returns ids only", async () => {
    expect(await shaped("return_object=limited")).toEqual({ id: first.id });
  });

  it("shallow keeps scalars, shrinks associations and stubs collections", async () => {
    const record = await shaped("return_object=shallow");
    const supplier = first.supplier as SimRecord;
    expect(record["invoice-number"]).toBe(first["invoice-number"]);
    const keys =
      getCatalog().definitions.InvoiceHeader?.associations.find(
        (a) => a.name === "supplier",
      )?.naturalKeys ?? [];
    expect(keys.length).toBeGreaterThan(0);
    expect(record.supplier).toEqual(
      Object.fromEntries(["id", ...keys].map((k) => [k, supplier[k]])),
    );
    const lines = first["invoice-lines"] as Line[];
    expect(record["invoice-lines"]).toEqual(lines.map((l) => ({ id: l.id })));
  });

  it("answers 400 for another value", async () => {
    const answer = await apiJson(sim, token, "/api/invoices?return_object=all");
    expect(answer.status).toBe(400);
    expect(answer.text).toContain("return_object");
  });
});
