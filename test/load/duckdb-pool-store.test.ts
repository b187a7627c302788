import { chmod, mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DuckDbPoolStore } from "../../src/load/duckdb-pool-store.js";
import { PoolPathError } from "../../src/load/pool-path-error.js";
import { PoolReader } from "../../src/load/pool-reader.js";
import { SchemaDriftError } from "../../src/load/schema-drift-error.js";
import { ValueConversionError } from "../../src/load/value-conversion-error.js";
import type { RowBatch } from "../../src/normalize/row-batch.js";
import {
  invoiceRecord,
  invoiceSettings,
} from "../normalize/support/invoice-records.js";
import {
  checkpoint,
  invoiceLayout,
  normalizerFor,
  removeFolder,
  tempFolder,
} from "./support/temp-pool.js";

let folder: string;
let path: string;
const open: { close(): Promise<void> }[] = [];

async function store(file = path) {
  const s = await DuckDbPoolStore.open(file);
  open.push(s);
  return s;
}

async function reader(file = path) {
  const r = await PoolReader.open(file);
  open.push(r);
  return r;
}

async function count(sql: string): Promise<number> {
  const rows = await (await reader()).query(sql);
  return Number(Object.values(rows[0] ?? {})[0]);
}

/** Prepares the invoice tables and commits one page of these invoices. */
async function commitInvoices(s: DuckDbPoolStore, ids: readonly number[]) {
  const layout = invoiceLayout();
  await s.prepareTables(layout.tables, "evolve");
  const n = await normalizerFor(s, layout);
  await s.commitPage(
    n.normalize(ids.map((id) => invoiceRecord(id))),
    checkpoint(ids.length),
    "evolve",
  );
  return n;
}

beforeEach(async () => {
  folder = await tempFolder();
  path = join(folder, "pool.duckdb");
});

afterEach(async () => {
  for (const item of open.splice(0).reverse()) await item.close();
  await removeFolder(folder);
});

describe("DuckDbPoolStore", () => {
  it("creates the file with its bookkeeping tables", async () => {
    await store();
    const names = (await (await reader()).tables()).map((t) => t.name);
    expect(names).toEqual(
      expect.arrayContaining([
        "_runs",
        "_checkpoints",
        "_watermarks",
        "_schema_history",
        "_pool_meta",
      ]),
    );
  });

  it("inserts a page, then counts a re-read as updates", async () => {
    const s = await store();
    const layout = invoiceLayout();
    await s.prepareTables(layout.tables, "evolve");
    const n = await normalizerFor(s, layout);
    const first = await s.commitPage(
      n.normalize([invoiceRecord(1), invoiceRecord(2)]),
      checkpoint(2),
      "evolve",
    );
    expect(first).toMatchObject({ inserted: 2, updated: 0 });
    const second = await s.commitPage(
      n.normalize([invoiceRecord(2), invoiceRecord(3)]),
      checkpoint(3),
      "evolve",
    );
    expect(second).toMatchObject({ inserted: 1, updated: 1 });
    expect(await count("SELECT count(*) FROM invoices")).toBe(3);
    expect(await count("SELECT count(DISTINCT id) FROM invoices")).toBe(3);
  });

  it("stores decimals exactly and datetimes as the right instant", async () => {
    const s = await store();
    const n = await normalizerFor(s, invoiceLayout());
    const record = {
      ...invoiceRecord(1),
      "gross-total": "12345678901234.5678",
    };
    await s.commitPage(n.normalize([record]), checkpoint(1), "evolve");
    const [row] = await (await reader()).query(
      `SELECT gross_total AS total, epoch_ms(created_at) AS created,
              typeof(gross_total) AS type,
              gross_total = '12345678901234.5678'::DECIMAL(38,10) AS exact
       FROM invoices`,
    );
    // No precision in the spec: DECIMAL(38,10), so ten decimals print.
    expect(row?.total).toBe("12345678901234.5678000000");
    expect(row?.exact).toBe(true);
    expect(row?.type).toBe("DECIMAL(38,10)");
    expect(row?.created).toBe(Date.parse("2024-03-01T17:15:00Z"));
  });

  it("replaces children of a re-read parent at every depth", async () => {
    const s = await store();
    const n = await normalizerFor(s, invoiceLayout());
    await s.commitPage(
      n.normalize([invoiceRecord(1, { lines: 3, allocationsPerLine: 2 })]),
      checkpoint(1),
      "evolve",
    );
    expect(await count("SELECT count(*) FROM invoices__invoice_lines")).toBe(3);
    await s.commitPage(
      n.normalize([invoiceRecord(1, { lines: 2, allocationsPerLine: 1 })]),
      checkpoint(1),
      "evolve",
    );
    expect(await count("SELECT count(*) FROM invoices__invoice_lines")).toBe(2);
    expect(
      await count(
        "SELECT count(*) FROM invoices__invoice_lines__account_allocations",
      ),
    ).toBe(2);
    expect(
      await count(
        "SELECT count(*) FROM invoices__invoice_lines WHERE id = 102",
      ),
    ).toBe(0);
  });

  it("evolves: adds a new custom-field column and records it", async () => {
    const s = await store();
    const n = await commitInvoices(s, [1]);
    const result = await s.commitPage(
      n.normalize([
        invoiceRecord(2, {
          customFields: {
            "cf-erp-invoice-number": "E2",
            "cf-cost-center": "CC-9",
          },
        }),
      ]),
      checkpoint(2),
      "evolve",
    );
    expect(result.schemaChanges).toEqual([
      expect.objectContaining({
        table: "invoices",
        column: "cf_cost_center",
        change: "added",
        to: "VARCHAR",
        source: "custom-fields.cf-cost-center",
      }),
    ]);
    const history = await (await reader()).query(
      `SELECT change, source, discovered, run_id FROM _schema_history
       WHERE column_name = 'cf_cost_center'`,
    );
    expect(history).toEqual([
      {
        change: "added",
        source: "custom-fields.cf-cost-center",
        discovered: true,
        run_id: "run-1",
      },
    ]);
    expect(
      await count("SELECT count(*) FROM invoices WHERE cf_cost_center IS NULL"),
    ).toBe(1);
  });

  it("evolves: widens a column whose values no longer fit", async () => {
    const s = await store();
    const n = await normalizerFor(s, invoiceLayout());
    await s.commitPage(
      n.normalize([invoiceRecord(1, { customFields: { "cf-code": 12 } })]),
      checkpoint(1),
      "evolve",
    );
    const next = await normalizerFor(s, invoiceLayout(), undefined, "run-2");
    const result = await s.commitPage(
      next.normalize([
        invoiceRecord(2, { customFields: { "cf-code": "X-1" } }),
      ]),
      checkpoint(2, "run-2"),
      "evolve",
    );
    expect(result.schemaChanges).toEqual([
      expect.objectContaining({
        column: "cf_code",
        change: "retyped",
        from: "BIGINT",
        to: "VARCHAR",
      }),
    ]);
    const rows = await (await reader()).query(
      "SELECT cf_code FROM invoices ORDER BY id",
    );
    expect(rows.map((r) => r.cf_code)).toEqual(["12", "X-1"]);
  });

  it("fails on drift before writing anything, naming the column and the fix", async () => {
    const s = await store();
    const layout = invoiceLayout();
    await s.prepareTables(layout.tables, "fail");
    const n = await normalizerFor(s, layout);
    const plain = invoiceRecord(1, { customFields: {} });
    await s.commitPage(n.normalize([plain]), checkpoint(1), "fail");
    const drifting = n.normalize([
      invoiceRecord(2, { customFields: { "cf-new-field": "x" } }),
    ]);
    const error = await s
      .commitPage(drifting, checkpoint(2), "fail")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SchemaDriftError);
    expect((error as SchemaDriftError).code).toBe("SCHEMA_DRIFT");
    expect((error as Error).message).toMatch(/invoices\.cf_new_field/);
    expect((error as Error).message).toMatch(/drift: evolve/);
    expect(await count("SELECT count(*) FROM invoices")).toBe(1);
    expect(await count("SELECT count(*) FROM invoices__invoice_lines")).toBe(2);
    expect(await count("SELECT max(last_id) FROM _checkpoints")).toBe(1);
  });

  it("fails on a removed column when the planned layout drops it", async () => {
    const s = await store();
    await s.prepareTables(invoiceLayout().tables, "evolve");
    const narrower = invoiceLayout(invoiceSettings({ columns: ["status"] }));
    const error = await s
      .prepareTables(narrower.tables.slice(0, 1), "fail")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SchemaDriftError);
    expect((error as Error).message).toMatch(
      /invoices\.invoice_number removed/,
    );
  });

  it("pseudonymizes with one secret per pool: stable across stores and equal across tables", async () => {
    const settings = invoiceSettings({
      pseudonymize: ["supplier_name", "created_by_login"],
    });
    const layout = invoiceLayout(settings);
    const first = await store();
    const n1 = await normalizerFor(first, layout, settings);
    await first.commitPage(
      n1.normalize([invoiceRecord(1, { supplier: "Acme" })]),
      checkpoint(1),
      "evolve",
    );
    const key = await first.pseudonymKey();
    await first.close();
    const second = await store();
    expect(await second.pseudonymKey()).toEqual(key);
    const n2 = await normalizerFor(second, layout, settings);
    await second.commitPage(
      n2.normalize([invoiceRecord(2, { supplier: "Acme" })]),
      checkpoint(2),
      "evolve",
    );
    const rows = await (await reader()).query(
      `SELECT i.supplier_name, i.created_by_login FROM invoices i ORDER BY id`,
    );
    expect(rows[0]?.supplier_name).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0]?.supplier_name).toBe(rows[1]?.supplier_name);
    // The invoice's creator and each line's creator are the same user.
    const lines = await (await reader()).query(
      "SELECT DISTINCT created_by_login FROM invoices__invoice_lines",
    );
    expect(lines).toEqual([{ created_by_login: rows[0]?.created_by_login }]);
    const raw = await count(
      "SELECT count(*) FROM invoices WHERE supplier_name = 'Acme' OR created_by_login = 'alice'",
    );
    expect(raw).toBe(0);
  });

  it("marks parents missing from the live ids as deleted and drops their children", async () => {
    const s = await store();
    const n = await normalizerFor(s, invoiceLayout());
    await s.commitPage(
      n.normalize([invoiceRecord(1), invoiceRecord(2), invoiceRecord(3)]),
      checkpoint(3),
      "evolve",
    );
    const at = new Date("2024-06-01T00:00:00Z");
    expect(await s.markDeleted("invoices", new Set([1, 3]), at)).toBe(1);
    const rows = await (await reader()).query(
      "SELECT id, _deleted_at FROM invoices WHERE _deleted_at IS NOT NULL",
    );
    expect(rows).toEqual([{ id: 2, _deleted_at: "2024-06-01T00:00:00.000Z" }]);
    expect(
      await count(
        "SELECT count(*) FROM invoices__invoice_lines WHERE _root_id = 2",
      ),
    ).toBe(0);
    expect(
      await count(
        "SELECT count(*) FROM invoices__invoice_lines__account_allocations WHERE _root_id = 2",
      ),
    ).toBe(0);
    expect(await s.markDeleted("invoices", new Set([1, 3]), at)).toBe(0);
  });

  it("keeps checkpoints, watermarks and runs across closing and reopening", async () => {
    const s = await store();
    await s.startRun({
      runId: "run-1",
      mode: "full",
      tables: ["invoices"],
      startedAt: new Date("2024-05-01T00:00:00Z"),
    });
    const n = await normalizerFor(s, invoiceLayout());
    await s.commitPage(
      n.normalize([invoiceRecord(5)]),
      checkpoint(5),
      "evolve",
    );
    await s.saveCheckpoints([
      { ...checkpoint(0), partition: "ids:1001-2000", lastId: null },
    ]);
    await s.completeTable("other", "run-1", new Date("2024-05-01T00:00:00Z"));
    await s.finishRun("run-1", "failed", { reason: "killed" });
    await s.close();

    const again = await store();
    const unfinished = await again.unfinishedCheckpoints("invoices");
    expect(unfinished).toEqual([
      { ...checkpoint(5) },
      { ...checkpoint(0), partition: "ids:1001-2000", lastId: null },
    ]);
    expect(await again.watermark("other")).toEqual(
      new Date("2024-05-01T00:00:00Z"),
    );
    expect(await again.watermark("invoices")).toBeNull();
    const runs = await (await reader()).runs();
    expect(runs[0]).toMatchObject({
      runId: "run-1",
      status: "failed",
      report: { reason: "killed" },
      tables: ["invoices"],
    });

    await again.completeTable(
      "invoices",
      "run-1",
      new Date("2024-05-02T00:00:00Z"),
    );
    expect(await again.unfinishedCheckpoints("invoices")).toEqual([]);
    expect(await again.watermark("invoices")).toEqual(
      new Date("2024-05-02T00:00:00Z"),
    );
  });

  it("leaves no partial page when the transaction fails midway", async () => {
    const s = await store();
    const n = await normalizerFor(s, invoiceLayout());
    await s.commitPage(
      n.normalize([invoiceRecord(1)]),
      checkpoint(1),
      "evolve",
    );
    const good = n.normalize([
      invoiceRecord(1, { lines: 1 }),
      invoiceRecord(2),
    ]);
    // A line whose id is text cannot go into BIGINT: the parent rows are
    // already appended when the child table fails.
    const lines = good.tables.find(
      (t) => t.table === "invoices__invoice_lines",
    );
    const idIndex = lines?.columns.findIndex((c) => c.name === "id") ?? -1;
    const broken: RowBatch = {
      ...good,
      tables: good.tables.map((t) =>
        t === lines
          ? {
              ...t,
              rows: t.rows.map((row, i) =>
                i === 0
                  ? row.map((v, c) => (c === idIndex ? "not-a-number" : v))
                  : row,
              ),
            }
          : t,
      ),
    };
    const error = await s
      .commitPage(broken, checkpoint(2), "evolve")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValueConversionError);
    expect((error as Error).message).toMatch(/invoices__invoice_lines\.id/);
    expect(await count("SELECT count(*) FROM invoices")).toBe(1);
    expect(await count("SELECT count(*) FROM invoices__invoice_lines")).toBe(2);
    expect(await count("SELECT max(last_id) FROM _checkpoints")).toBe(1);
    // The store goes on working after the rollback.
    const ok = await s.commitPage(good, checkpoint(2), "evolve");
    expect(ok).toMatchObject({ inserted: 1, updated: 1 });
    // Rows handed to the appender before the failure went with the
    // rollback, not into the next commit.
    expect(await count("SELECT count(*) FROM invoices")).toBe(2);
    expect(
      await count("SELECT count(*) - count(DISTINCT id) FROM invoices"),
    ).toBe(0);
    const linesOfGood = good.tables.find(
      (t) => t.table === "invoices__invoice_lines",
    );
    expect(await count("SELECT count(*) FROM invoices__invoice_lines")).toBe(
      linesOfGood?.rows.length,
    );
  });

  it("commits pages from concurrent partitions, each counted on its own", async () => {
    const s = await store();
    const n = await normalizerFor(s, invoiceLayout());
    const pages = Array.from({ length: 8 }, (_, p) =>
      n.normalize(
        Array.from({ length: 50 }, (_, i) => invoiceRecord(p * 50 + i + 1)),
      ),
    );
    const results = await Promise.all(
      pages.map((batch, p) =>
        s.commitPage(
          batch,
          { ...checkpoint((p + 1) * 50), partition: `p${p}` },
          "evolve",
        ),
      ),
    );
    expect(results.map((r) => r.inserted)).toEqual(Array(8).fill(50));
    expect(await count("SELECT count(*) FROM invoices")).toBe(400);
    expect(await count("SELECT count(*) FROM invoices__invoice_lines")).toBe(
      800,
    );
    expect(await count("SELECT count(*) FROM _checkpoints")).toBe(8);
  });

  it("runs DuckDB on one worker thread unless told otherwise", async () => {
    await store();
    const rows = await (await reader()).query(
      "SELECT current_setting('threads') AS threads",
    );
    expect(Number(rows[0]?.threads)).toBe(1);
  });

  it("caps DuckDB's memory at 256 MB unless told otherwise", async () => {
    await store();
    const rows = await (await reader()).query(
      "SELECT current_setting('memory_limit') AS memory_limit",
    );
    expect(String(rows[0]?.memory_limit)).toBe("244.1 MiB");
  });

  it("rejects a memory limit under 64 MB, naming the value and the least", async () => {
    await expect(
      DuckDbPoolStore.open(path, { memoryLimitMb: 63 }),
    ).rejects.toThrow(/memoryLimitMb is 63; give a whole number of 64 or more/);
  });

  it("creates a pool under a limit below 256 MB with 16 KB blocks, and writes to it", async () => {
    const s = await DuckDbPoolStore.open(path, { memoryLimitMb: 100 });
    open.push(s);
    await commitInvoices(s, [1, 2]);
    const rows = await (await reader()).query(
      `SELECT current_setting('memory_limit') AS memory_limit,
         (SELECT block_size FROM pragma_database_size()) AS block_size,
         (SELECT count(*) FROM invoices) AS invoices`,
    );
    expect(rows[0]).toEqual({
      memory_limit: "95.3 MiB",
      block_size: 16384,
      invoices: 2,
    });
  });

  it("creates the pool over an empty file, which a kill during creation leaves", async () => {
    for (const [name, memoryLimitMb, blockSize] of [
      ["default.duckdb", 256, 262_144],
      ["small.duckdb", 100, 16_384],
    ] as const) {
      const file = join(folder, name);
      await writeFile(file, "");
      const s = await DuckDbPoolStore.open(file, { memoryLimitMb });
      open.push(s);
      const rows = await (await reader(file)).query(
        "SELECT block_size FROM pragma_database_size()",
      );
      expect(rows[0]?.block_size).toBe(blockSize);
    }
  });

  it("refuses a limit under 256 MB on a pool with 256 KB blocks, keeping its rows", async () => {
    const s = await store();
    await commitInvoices(s, [1]);
    await s.close();

    const error = await DuckDbPoolStore.open(path, {
      memoryLimitMb: 100,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RangeError);
    expect((error as Error).message).toContain(
      `memoryLimitMb is 100, but the pool file ${path} has 256 KB blocks`,
    );
    expect((error as Error).message).toMatch(
      /Give 256 or more, or extract into a new pool file/,
    );
    expect(await count("SELECT count(*) FROM invoices")).toBe(1);
  });

  it("rejects a thread count that is not a whole number of 1 or more", async () => {
    await expect(DuckDbPoolStore.open(path, { threads: 0 })).rejects.toThrow(
      /threads is 0; give a whole number/,
    );
  });

  it("rejects a path that is a directory, naming it and the fix", async () => {
    const error = await DuckDbPoolStore.open(folder).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PoolPathError);
    expect((error as PoolPathError).code).toBe("POOL_PATH");
    expect((error as Error).message).toContain(folder);
    expect((error as Error).message).toMatch(/is a directory.*pool\.duckdb/);
  });

  it("rejects a path whose folder cannot be created", async () => {
    const file = join(folder, "plain-file");
    await writeFile(file, "x");
    const error = await DuckDbPoolStore.open(join(file, "pool.duckdb")).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PoolPathError);
    expect((error as PoolPathError).problem).toBe("unwritable");
  });

  // root writes through read-only permissions, so only others can see this.
  it.skipIf(process.getuid?.() === 0)(
    "rejects a path under a read-only folder",
    async () => {
      const locked = join(folder, "read-only");
      await mkdir(locked);
      await chmod(locked, 0o555);
      const error = await DuckDbPoolStore.open(
        join(locked, "sub", "pool.duckdb"),
      )
        .catch((e: unknown) => e)
        .finally(() => chmod(locked, 0o755));
      expect(error).toBeInstanceOf(PoolPathError);
      expect((error as PoolPathError).problem).toBe("unwritable");
    },
  );

  it("rejects a file that is not a DuckDB database", async () => {
    const file = join(folder, "notes.txt");
    await writeFile(
      file,
      "these are not the rows you are looking for\n".repeat(200),
    );
    const error = await DuckDbPoolStore.open(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PoolPathError);
    expect((error as PoolPathError).problem).toBe("not-duckdb");
    expect((error as Error).message).toMatch(/not a DuckDB database/);
  });
});
