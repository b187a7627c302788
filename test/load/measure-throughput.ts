/**
 * Measures normalize + load throughput on generated invoice-shaped records
 * (about 5 lines with 2 allocations each, 2 approvals, 1 payment). Not a
 * test: run with
 * `npx tsx test/load/measure-throughput.ts [invoices] [partitions] [repeats]`.
 * With repeats, each figure is the best of the runs: on a shared machine
 * the best run is the one least disturbed by other processes.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os, { tmpdir } from "node:os";
import { join } from "node:path";
import { getCatalog } from "../../src/catalog/catalog.js";
import { DuckDbPoolStore } from "../../src/load/duckdb-pool-store.js";
import { RecordNormalizer } from "../../src/normalize/record-normalizer.js";
import { planTableLayout } from "../../src/normalize/table-layout.js";
import { invoiceSettings } from "../normalize/support/invoice-records.js";

const total = Number(process.argv[2] ?? 25_000);
const partitions = Number(process.argv[3] ?? 4);
const repeats = Number(process.argv[4] ?? 1);
const PAGE = 50;

function user(id: number) {
  return {
    id,
    login: `user${id}`,
    email: `user${id}@example.com`,
    firstname: "Pat",
    lastname: `Doe${id}`,
    fullname: `Pat Doe${id}`,
    "employee-number": `E${id}`,
    "created-at": "2020-01-01T00:00:00-08:00",
    "updated-at": "2021-01-01T00:00:00-08:00",
  };
}

function invoice(id: number): Record<string, unknown> {
  const lines = 4 + (id % 3);
  const day = 1 + (id % 28);
  return {
    id,
    "invoice-number": `INV-${id}`,
    status: id % 4 === 0 ? "approved" : "pending_approval",
    "document-type": "Invoice",
    "created-at": `2024-03-${String(day).padStart(2, "0")}T09:15:00-08:00`,
    "updated-at": `2024-03-${String(day).padStart(2, "0")}T10:00:00+01:00`,
    "invoice-date": `2024-02-${String(day).padStart(2, "0")}T00:00:00-08:00`,
    "date-received": "2024-03-01T00:00:00-08:00",
    "net-due-date": "2024-04-01T00:00:00-08:00",
    "gross-total": `${id % 9999}.50`,
    "amount-due": `${id % 9999}.50`,
    "handling-amount": "0.00",
    "misc-amount": "0.00",
    "shipping-amount": "12.00",
    "exchange-rate": "1.0",
    "is-credit-note": false,
    "line-level-taxation": false,
    paid: id % 3 === 0,
    exported: id % 2 === 0,
    "last-exported-at": null,
    "payment-date": null,
    "payment-notes": null,
    "internal-note": null,
    "supplier-note": `note ${id}`,
    supplier: {
      id: 1 + (id % 500),
      name: `Supplier ${id % 500}`,
      number: `S${id % 500}`,
    },
    currency: { id: 1, code: "USD", name: "US Dollar" },
    "created-by": user(1 + (id % 50)),
    "updated-by": user(1 + (id % 50)),
    "requested-by": user(2 + (id % 50)),
    "payment-term": { id: 3, code: "Net 30", "days-for-net-payment": 30 },
    "ship-to-address": { id: 9, name: "HQ", city: "Springfield" },
    "bill-to-address": { id: 9, name: "HQ", city: "Springfield" },
    "remit-to-address": { id: 19, name: "Remit", city: "Shelbyville" },
    "custom-fields": {
      "cf-erp-invoice-number": id % 2 ? `ERP-${id}` : null,
      "cf-cost-center": `CC-${id % 20}`,
    },
    "custom-field-1": null,
    "invoice-lines": Array.from({ length: lines }, (_, l) => ({
      id: id * 10 + l,
      "line-num": l + 1,
      type: "InvoiceQuantityLine",
      description: `Item ${l}`,
      quantity: "2.000000",
      price: "10.25",
      total: "20.50",
      "accounting-total": "20.50",
      "tax-amount": "0.00",
      "po-number": `PO-${id}`,
      "order-line-id": id * 10 + l,
      "order-line-num": String(l + 1),
      "source-part-num": `P-${l}`,
      "created-at": "2024-03-01T09:15:00-08:00",
      "updated-at": "2024-03-02T10:00:00+01:00",
      account: { id: 500 + l, code: `ACC-${l}`, name: "Office" },
      commodity: { id: 40 + l, name: "Supplies" },
      uom: { id: 1, code: "EA", name: "Each" },
      "account-allocations": [0, 1].map((a) => ({
        id: id * 100 + l * 10 + a,
        amount: "10.25",
        pct: "50.0",
        "created-at": "2024-03-01T09:15:00-08:00",
        "updated-at": "2024-03-02T10:00:00+01:00",
        account: { id: 600 + a, code: `ALLOC-${a}`, name: "Split" },
      })),
    })),
    approvals: [0, 1].map((a) => ({
      id: id * 10 + a,
      status: "approved",
      position: a + 1,
      "approval-date": "2024-03-02T10:00:00+01:00",
      "approvable-type": "InvoiceHeader",
      "approvable-id": id,
      approver: { id: 3 + a, login: `approver${a}` },
      "created-at": "2024-03-01T09:15:00-08:00",
      "updated-at": "2024-03-02T10:00:00+01:00",
    })),
    payments: [
      {
        id,
        "amount-paid": `${id % 9999}.50`,
        "payment-date": "2024-04-01T00:00:00-08:00",
        "check-number": `CHK-${id}`,
      },
    ],
  };
}

/** CPU seconds (all threads of the process) since `from`. */
function cpuSeconds(from: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1e6;
}

async function measureOnce(): Promise<Record<string, number>> {
  const folder = await mkdtemp(join(tmpdir(), "coupa-measure-"));
  try {
    const settings = invoiceSettings();
    const layout = planTableLayout(settings, getCatalog("R39"));
    const records = Array.from({ length: total }, (_, i) => invoice(i + 1));

    const probe = new RecordNormalizer(layout, {
      pseudonymKey: Buffer.alloc(32, 1),
      pseudonymize: [],
      runId: "measure",
      extractedAt: () => new Date(),
    });
    let started = performance.now();
    let cpu = process.cpuUsage();
    for (let i = 0; i < total; i += PAGE)
      probe.normalize(records.slice(i, i + PAGE));
    const normalizeSeconds = (performance.now() - started) / 1000;
    const normalizeCpu = cpuSeconds(cpu);

    const store = await DuckDbPoolStore.open(join(folder, "pool.duckdb"));
    await store.prepareTables(layout.tables, "evolve");
    const normalizer = new RecordNormalizer(layout, {
      pseudonymKey: await store.pseudonymKey(),
      pseudonymize: [],
      runId: "measure",
      extractedAt: () => new Date(),
    });
    started = performance.now();
    cpu = process.cpuUsage();
    const perPartition = Math.ceil(total / partitions);
    await Promise.all(
      Array.from({ length: partitions }, async (_, p) => {
        const end = Math.min(total, (p + 1) * perPartition);
        for (let i = p * perPartition; i < end; i += PAGE) {
          const page = records.slice(i, Math.min(i + PAGE, end));
          const batch = normalizer.normalize(page);
          await store.commitPage(
            batch,
            {
              runId: "measure",
              table: "invoices",
              partition: `p${p}`,
              lastId: page.at(-1)?.id as number,
              done: false,
              plan: "{}",
            },
            "evolve",
          );
        }
      }),
    );
    // Closing checkpoints the WAL: part of the cost of loading.
    await store.close();
    const loadSeconds = (performance.now() - started) / 1000;
    const loadCpu = cpuSeconds(cpu);

    const lines = records.reduce(
      (n, r) => n + (r["invoice-lines"] as unknown[]).length,
      0,
    );
    return {
      invoices: total,
      lines,
      partitions,
      normalizeOnlyPerSecond: Math.round(total / normalizeSeconds),
      normalizeAndLoadPerSecond: Math.round(total / loadSeconds),
      seconds: Number(loadSeconds.toFixed(2)),
      normalizeCpuSeconds: Number(normalizeCpu.toFixed(2)),
      normalizeAndLoadCpuSeconds: Number(loadCpu.toFixed(2)),
      normalizeOnlyPerCpuSecond: Math.round(total / normalizeCpu),
      normalizeAndLoadPerCpuSecond: Math.round(total / loadCpu),
      loadAverage: os.loadavg()[0] ?? 0,
    };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

const runs: Record<string, number>[] = [];
for (let i = 0; i < repeats; i++) runs.push(await measureOnce());
const best = (key: string, pick: (...values: number[]) => number) =>
  pick(...runs.map((r) => r[key] ?? 0));
const first = runs[0] ?? {};
console.log(
  JSON.stringify({
    ...first,
    runs: runs.length,
    normalizeOnlyPerSecond: best("normalizeOnlyPerSecond", Math.max),
    normalizeAndLoadPerSecond: best("normalizeAndLoadPerSecond", Math.max),
    seconds: best("seconds", Math.min),
    normalizeCpuSeconds: best("normalizeCpuSeconds", Math.min),
    normalizeAndLoadCpuSeconds: best("normalizeAndLoadCpuSeconds", Math.min),
    normalizeOnlyPerCpuSecond: best("normalizeOnlyPerCpuSecond", Math.max),
    normalizeAndLoadPerCpuSecond: best(
      "normalizeAndLoadPerCpuSecond",
      Math.max,
    ),
  }),
);
