import type {
  MutationResult,
  ScanOptions,
  SimRecord,
  SimulatorData,
} from "./data/simulator-data.js";

/** Throwaway stand-in for the data layer until it lands. */
export function createDevData(options: {
  seed: number;
  size: number;
  now: () => number;
}): SimulatorData {
  const stores = new Map<string, Map<number, SimRecord>>();
  const base = Date.parse("2025-01-01T00:00:00Z");
  const iso = (ms: number) =>
    new Date(ms).toISOString().replace(".000Z", "+00:00");
  const suppliers = new Map<number, SimRecord>();
  const nSup = Math.max(3, Math.floor(options.size / 10));
  for (let id = 1; id <= nSup; id++) {
    suppliers.set(id, {
      id,
      name: `Supplier ${id}`,
      number: `S${id}`,
      "created-at": iso(base + id * 1000),
      "updated-at": iso(base + id * 1000),
      "remit-to-addresses": [
        {
          id: id * 10,
          name: `Remit ${id}`,
          "updated-at": iso(base),
          "created-at": iso(base),
        },
      ],
    });
  }
  const invoices = new Map<number, SimRecord>();
  for (let id = 1; id <= options.size; id++) {
    const sup = ((id * 7 + options.seed) % nSup) + 1;
    invoices.set(id, {
      id,
      "invoice-number": `INV-${options.seed}-${id}`,
      status: id % 3 === 0 ? "approved" : "pending_approval",
      "created-at": iso(base + id * 60_000),
      "updated-at": iso(base + id * 60_000),
      exported: id % 2 === 0,
      total: `${id}.50`,
      supplier: { id: sup, name: `Supplier ${sup}`, number: `S${sup}` },
      "invoice-lines": [1, 2].map((n) => ({
        id: id * 10 + n,
        "line-num": n,
        total: "1.00",
        account: { id: n, code: `AC-${n}`, name: `Acct ${n}` },
      })),
      "custom-fields": { "cf-erp-id": `E${id}`, "cf-flag": null },
    });
  }
  stores.set("invoices", invoices);
  stores.set("suppliers", suppliers);
  const remits = new Map<number, SimRecord>();
  for (const s of suppliers.values()) {
    for (const r of s["remit-to-addresses"] as SimRecord[])
      remits.set(r.id as number, r);
  }
  stores.set("remit_to_addresses", remits);
  const store = (r: string) => stores.get(r) ?? new Map();
  const sorted = (r: string) =>
    [...store(r).values()].sort((a, b) => (a.id as number) - (b.id as number));
  return {
    resources: ["invoices", "suppliers", "remit_to_addresses"],
    idRange(r) {
      const all = sorted(r);
      return all.length
        ? { min: all[0]?.id as number, max: all.at(-1)?.id as number }
        : undefined;
    },
    *scan(r, o: ScanOptions = {}) {
      const all = sorted(r);
      if (o.descending) all.reverse();
      for (const rec of all) {
        const id = rec.id as number;
        const u = Date.parse(rec["updated-at"] as string);
        if (o.afterId !== undefined && id <= o.afterId) continue;
        if (o.beforeId !== undefined && id >= o.beforeId) continue;
        if (o.updatedFrom !== undefined && u < o.updatedFrom) continue;
        if (o.updatedBefore !== undefined && u >= o.updatedBefore) continue;
        yield rec;
      }
    },
    get: (r, id) => store(r).get(id),
    children: (_r, parentId) =>
      (suppliers.get(parentId)?.["remit-to-addresses"] as SimRecord[]) ?? [],
    update(r, count, o = {}): MutationResult {
      const ids =
        o.ids ??
        sorted(r)
          .slice(0, count)
          .map((x) => x.id as number);
      for (const id of ids) {
        const rec = store(r).get(id);
        if (rec)
          store(r).set(id, {
            ...rec,
            "updated-at": iso(Math.floor(options.now() / 1000) * 1000),
          });
      }
      return { resource: r, ids };
    },
    insert(r, count) {
      const max = sorted(r).at(-1)?.id as number;
      const ids: number[] = [];
      for (let i = 1; i <= count; i++) {
        const t = iso(Math.floor(options.now() / 1000) * 1000);
        store(r).set(max + i, {
          id: max + i,
          "created-at": t,
          "updated-at": t,
        });
        ids.push(max + i);
      }
      return { resource: r, ids };
    },
    remove(r, count, ids) {
      const chosen =
        ids ??
        sorted(r)
          .slice(0, count)
          .map((x) => x.id as number);
      for (const id of chosen) store(r).delete(id);
      return { resource: r, ids: chosen };
    },
    addCustomField() {},
    groundTruth: (r) => sorted(r),
  };
}
