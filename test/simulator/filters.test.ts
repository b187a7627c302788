import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SimRecord } from "../../src/simulator/data/simulator-data.js";
import {
  type RunningSimulator,
  startSimulator,
} from "../../src/simulator/start-simulator.js";
import { apiJson, mintToken } from "./sim-http.js";

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

type Row = SimRecord & {
  supplier: { id: number; name: string };
  "invoice-lines": { account: { code: string } | null }[];
};

/** Ids the API returns for a raw query string, over every page. */
async function idsFor(query: string): Promise<number[]> {
  const ids: number[] = [];
  for (let offset = 0; ; offset += 50) {
    const answer = await apiJson(
      sim,
      token,
      `/api/invoices?${query}&offset=${offset}`,
    );
    expect(answer.status, answer.text).toBe(200);
    const records = answer.json<SimRecord[]>();
    ids.push(...records.map((r) => r.id as number));
    if (records.length < 50) return ids;
  }
}

function expected(predicate: (r: Row) => boolean): number[] {
  return (truth as Row[]).filter(predicate).map((r) => r.id as number);
}

async function expectFilter(query: string, predicate: (r: Row) => boolean) {
  const want = expected(predicate);
  expect(want.length, `query ${query} should select something`).toBeGreaterThan(
    0,
  );
  expect(want.length, `query ${query} should not select all`).toBeLessThan(
    truth.length,
  );
  expect(await idsFor(query)).toEqual(want);
}

const enc = encodeURIComponent;
const t = (r: SimRecord, key: string) => Date.parse(String(r[key]));
const total = (r: SimRecord) => Number(r["gross-total"]);

describe("the twelve operators", () => {
  const sample = () => truth[40] as Row;

  it("exact, not_eq, in and not_in", async () => {
    await expectFilter("status=approved", (r) => r.status === "approved");
    await expectFilter(
      "status[not_eq]=approved",
      (r) => r.status !== "approved",
    );
    await expectFilter(
      "status[in]=voided,new",
      (r) => r.status === "voided" || r.status === "new",
    );
    await expectFilter(
      "status[not_in]=approved,voided",
      (r) => r.status !== "approved" && r.status !== "voided",
    );
  });

  it("contains, starts_with and ends_with on text", async () => {
    const number = String(sample()["invoice-number"]);
    await expectFilter(
      `invoice_number[contains]=${enc(number.slice(2, 8))}`,
      (r) => String(r["invoice-number"]).includes(number.slice(2, 8)),
    );
    const name = sample().supplier.name;
    await expectFilter(
      `supplier[name][starts_with]=${enc(name.slice(0, 4))}`,
      (r) => r.supplier.name.startsWith(name.slice(0, 4)),
    );
    await expectFilter(
      `invoice_number[ends_with]=${enc(number.slice(-2))}`,
      (r) => String(r["invoice-number"]).endsWith(number.slice(-2)),
    );
  });

  it("blank on plain fields and legacy custom keys", async () => {
    const blank = (v: unknown) => v === null || v === undefined || v === "";
    await expectFilter("payment_notes[blank]=true", (r) =>
      blank(r["payment-notes"]),
    );
    await expectFilter(
      "payment_notes[blank]=false",
      (r) => !blank(r["payment-notes"]),
    );
    await expectFilter("custom_field_2[blank]=true", (r) =>
      blank(r["custom-field-2"]),
    );
  });

  it("gt, lt, gt_or_eq and lt_or_eq compare numbers as numbers", async () => {
    const pivot = total(sample());
    await expectFilter(`gross_total[gt]=${pivot}`, (r) => total(r) > pivot);
    await expectFilter(`gross_total[lt]=${pivot}`, (r) => total(r) < pivot);
    await expectFilter(
      `gross_total[gt_or_eq]=${pivot}`,
      (r) => total(r) >= pivot,
    );
    await expectFilter(`id[lt_or_eq]=37`, (r) => (r.id as number) <= 37);
  });

  it("accepts an explicit [exact] and booleans", async () => {
    await expectFilter(
      "status[exact]=approved",
      (r) => r.status === "approved",
    );
    await expectFilter("paid=false", (r) => r.paid === false);
  });
});

describe("datetimes", () => {
  it("compares instants across offsets", async () => {
    const pivot = t(truth[70] as SimRecord, "created-at");
    const plusTwo = new Date(pivot + 2 * 3600_000)
      .toISOString()
      .replace(/\.\d+Z$/, "+02:00");
    await expectFilter(
      `created_at[gt]=${enc(plusTwo)}`,
      (r) => t(r, "created-at") > pivot,
    );
    await expectFilter(
      `created-at[lt_or_eq]=${enc(new Date(pivot).toISOString())}`,
      (r) => t(r, "created-at") <= pivot,
    );
  });

  it("reads a bare date as midnight UTC", async () => {
    const day = String((truth[80] as SimRecord)["created-at"]).slice(0, 10);
    const midnight = Date.parse(`${day}T00:00:00Z`);
    await expectFilter(
      `created_at[lt]=${day}`,
      (r) => t(r, "created-at") < midnight,
    );
  });

  it("treats updated_at and updated-at alike", async () => {
    const pivot = new Date(
      t(truth[90] as SimRecord, "updated-at"),
    ).toISOString();
    const a = await idsFor(`updated_at[gt_or_eq]=${enc(pivot)}`);
    const b = await idsFor(`updated-at[gt_or_eq]=${enc(pivot)}`);
    expect(a).toEqual(b);
    expect(a).toEqual(expected((r) => t(r, "updated-at") >= Date.parse(pivot)));
  });
});

describe("associations and collections", () => {
  it("filters through an association by name, by id and by _id", async () => {
    const supplier = (truth[5] as Row).supplier;
    const want = (r: Row) => r.supplier.id === supplier.id;
    await expectFilter(`supplier[name]=${enc(supplier.name)}`, want);
    await expectFilter(`supplier[id]=${supplier.id}`, want);
    await expectFilter(`supplier_id=${supplier.id}`, want);
  });

  it("matches a collection when any element matches", async () => {
    const code = (truth[3] as Row)["invoice-lines"][0]?.account?.code as string;
    await expectFilter(`invoice_lines[account][code]=${enc(code)}`, (r) =>
      r["invoice-lines"].some((line) => line.account?.code === code),
    );
  });

  it("ANDs every condition", async () => {
    const supplier = (truth[5] as Row).supplier;
    const a = await idsFor(`status=approved&supplier_id=${supplier.id}`);
    expect(a).toEqual(
      expected((r) => r.status === "approved" && r.supplier.id === supplier.id),
    );
  });
});

describe("bad queries", () => {
  async function rejected(query: string): Promise<string> {
    const answer = await apiJson(sim, token, `/api/invoices?${query}`);
    expect(answer.status).toBe(400);
    const body = answer.json<{ errors: { invoice: string[] } }>();
    return body.errors.invoice.join(" ");
  }

  it("refuses text operators on datetime fields", async () => {
    for (const op of ["contains", "starts_with", "ends_with", "blank"]) {
      expect(await rejected(`updated_at[${op}]=2`)).toContain(op);
    }
  });

  it("names a malformed value's parameter", async () => {
    expect(await rejected("updated_at[gt]=yesterday")).toContain(
      "updated_at[gt]",
    );
    expect(await rejected("id[gt]=abc")).toContain("id[gt]");
    expect(
      await rejected(`updated_at[gt]=${"2025-01-01T00:00:00 02:00"}`),
    ).toContain("%2B");
  });

  it("names an unknown operator and an unknown attribute", async () => {
    expect(await rejected("status[like]=a")).toContain('"like"');
    expect(await rejected("colour=red")).toContain('"colour"');
  });
});
