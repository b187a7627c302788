import { XMLParser } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SimRecord } from "../../src/simulator/data/simulator-data.js";
import {
  type RunningSimulator,
  startSimulator,
} from "../../src/simulator/start-simulator.js";
import { apiJson, http, mintToken, qs } from "./sim-http.js";

let sim: RunningSimulator;
let token: string;
let truth: SimRecord[];

beforeAll(async () => {
  sim = await startSimulator({ size: 160, seed: 11, rateLimit: false });
  token = await mintToken(sim);
  truth = [...sim.data.groundTruth("invoices")];
});
afterAll(async () => {
  await sim?.close();
});

const ids = (records: SimRecord[]) => records.map((r) => r.id as number);

async function page(query: Record<string, string | number>) {
  const answer = await apiJson(sim, token, `/api/invoices?${qs(query)}`);
  expect(answer.status).toBe(200);
  return answer.json<SimRecord[]>();
}

describe("list paging", () => {
  it("reads every record once across offset pages, in id order", async () => {
    const seen: number[] = [];
    for (let offset = 0; ; offset += 50) {
      const records = await page({ offset });
      seen.push(...ids(records));
      if (records.length < 50) break;
    }
    expect(seen).toEqual(ids(truth));
    expect(new Set(seen).size).toBe(seen.length);
  });

  it("caps limit at 50", async () => {
    expect(await page({ limit: 500 })).toHaveLength(50);
    expect(await page({ limit: 7 })).toHaveLength(7);
  });

  it("walks keyset pages inside an updated-at window without gap or repeat", async () => {
    const sorted = truth.map((r) => Date.parse(String(r["updated-at"])));
    sorted.sort((a, b) => a - b);
    const from = new Date(sorted[20] as number).toISOString();
    const to = new Date(sorted[120] as number).toISOString();
    const expected = truth.filter((r) => {
      const t = Date.parse(String(r["updated-at"]));
      return t >= Date.parse(from) && t < Date.parse(to);
    });

    const seen: number[] = [];
    let last = 0;
    for (;;) {
      const records = await page({
        order_by: "id",
        dir: "asc",
        "id[gt]": last,
        "updated_at[gt_or_eq]": from,
        "updated_at[lt]": to,
        limit: 50,
      });
      seen.push(...ids(records));
      if (records.length < 50) break;
      last = records.at(-1)?.id as number;
    }
    expect(seen).toEqual(ids(expected));
  });

  it("orders by id descending and by updated_at", async () => {
    const desc = await page({ dir: "desc", limit: 5 });
    expect(ids(desc)).toEqual(ids(truth).reverse().slice(0, 5));

    const byTime = await page({ order_by: "updated_at", dir: "desc" });
    const times = byTime.map((r) => Date.parse(String(r["updated-at"])));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const newest = Math.max(
      ...truth.map((r) => Date.parse(String(r["updated-at"]))),
    );
    expect(times[0]).toBe(newest);
  });

  it("pages through another order with no gap and no repeat", async () => {
    const seen: number[] = [];
    for (let offset = 0; ; offset += 50) {
      const records = await page({ order_by: "invoice_number", offset });
      seen.push(...ids(records));
      if (records.length < 50) break;
    }
    const want = [...truth].sort((a, b) => {
      const [x, y] = [String(a["invoice-number"]), String(b["invoice-number"])];
      return x < y ? -1 : x > y ? 1 : (a.id as number) - (b.id as number);
    });
    expect(seen).toEqual(ids(want));
  });

  it("answers 400 naming a bad paging or order parameter", async () => {
    const limit = await apiJson(sim, token, "/api/invoices?limit=abc");
    expect(limit.status).toBe(400);
    expect(limit.json()).toEqual({
      errors: { invoice: [expect.stringContaining("limit")] },
    });
    const order = await apiJson(sim, token, "/api/invoices?order_by=nope");
    expect(order.status).toBe(400);
    expect(order.text).toContain("nope");
  });
});

describe("members and routes", () => {
  it("returns one record by id, equal to the ground truth", async () => {
    const record = truth[17] as SimRecord;
    const answer = await apiJson(sim, token, `/api/invoices/${record.id}`);
    expect(answer.status).toBe(200);
    expect(answer.json()).toEqual(record);
  });

  it("answers 404 for a missing id and an unknown resource", async () => {
    expect((await apiJson(sim, token, "/api/invoices/99999999")).status).toBe(
      404,
    );
    expect((await apiJson(sim, token, "/api/unicorns")).status).toBe(404);
  });

  it("lists a supplier's remit-to addresses under the supplier", async () => {
    const supplier = sim.data.get("suppliers", 1) as SimRecord;
    const embedded = supplier["remit-to-addresses"] as SimRecord[];
    const answer = await apiJson(sim, token, "/api/suppliers/1/addresses");
    expect(answer.status).toBe(200);
    expect(ids(answer.json<SimRecord[]>())).toEqual(ids(embedded));
  });
});

describe("formats", () => {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "@",
    isArray: (name) => name === "invoice-header",
  });

  it("answers Coupa XML without an Accept header", async () => {
    const answer = await http(`${sim.baseUrl}/api/invoices?limit=3`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(answer.status).toBe(200);
    expect(answer.headers["content-type"]).toContain("application/xml");
    const doc = parser.parse(answer.text);
    const list = doc["invoice-headers"];
    expect(list["@type"]).toBe("array");
    const items = list["invoice-header"];
    expect(
      items.map((i: { id: { "#text": number } }) => i.id["#text"]),
    ).toEqual(ids(truth.slice(0, 3)));
    expect(items[0].id["@type"]).toBe("integer");
    expect(items[0]["updated-at"]["@type"]).toBe("datetime");
    expect(items[0]["invoice-lines"]["@type"]).toBe("array");
    expect(answer.text).toMatch(/ type="decimal">\d+\.\d+</);
    expect(answer.text).toContain('nil="true"');
  });

  it("answers a bare JSON array with dashed keys for application/json", async () => {
    const records = await page({ limit: 1 });
    expect(Object.keys(records[0] as SimRecord)).toContain("updated-at");
    expect(Object.keys(records[0] as SimRecord)).not.toContain("updated_at");
  });
});

describe("empty results", () => {
  const nothing = "/api/invoices?id=99999999";

  it("answers JSON 200 [] by default and 404 [] behind the switch", async () => {
    const answer = await apiJson(sim, token, nothing);
    expect([answer.status, answer.text]).toEqual([200, "[]"]);
    sim.admin.setSwitches({ emptyJson404: true });
    try {
      const switched = await apiJson(sim, token, nothing);
      expect([switched.status, switched.text]).toEqual([404, "[]"]);
    } finally {
      sim.admin.setSwitches({ emptyJson404: false });
    }
  });

  it("answers XML 404 with Coupa's no-results document", async () => {
    const answer = await http(`${sim.baseUrl}${nothing}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(answer.status).toBe(404);
    expect(answer.text).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><errors><error>' +
        "No results match your search criteria.</error></errors>",
    );
  });
});

describe("determinism", () => {
  it("serves the same bytes for the same seed and different ones for another", async () => {
    const read = async (seed: number) => {
      const other = await startSimulator({ size: 40, seed, rateLimit: false });
      try {
        const t = await mintToken(other);
        const json = await apiJson(other, t, "/api/invoices?offset=10");
        const xml = await http(`${other.baseUrl}/api/suppliers`, {
          headers: { authorization: `Bearer ${t}` },
        });
        return json.text + xml.text;
      } finally {
        await other.close();
      }
    };
    const [a, b, c] = [await read(5), await read(5), await read(6)];
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });
});
