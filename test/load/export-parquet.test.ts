import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DuckDbPoolStore } from "../../src/load/duckdb-pool-store.js";
import { exportParquet } from "../../src/load/export-parquet.js";
import { invoiceRecord } from "../normalize/support/invoice-records.js";
import {
  checkpoint,
  invoiceLayout,
  normalizerFor,
  removeFolder,
  tempFolder,
} from "./support/temp-pool.js";

let folder: string;

beforeEach(async () => {
  folder = await tempFolder();
});

afterEach(async () => {
  await removeFolder(folder);
});

async function filledPool(path: string) {
  const store = await DuckDbPoolStore.open(path);
  const n = await normalizerFor(store, invoiceLayout());
  await store.commitPage(
    n.normalize([
      { ...invoiceRecord(1), "gross-total": "12345678901234.5678" },
      invoiceRecord(2, { lines: 3 }),
    ]),
    checkpoint(2),
    "evolve",
  );
  await store.close();
}

describe("exportParquet", () => {
  it("writes each extracted table as Parquet that DuckDB reads back with equal rows", async () => {
    const pool = join(folder, "pool.duckdb");
    await filledPool(pool);
    const files = await exportParquet(pool, join(folder, "out"));
    const byTable = new Map(files.map((f) => [f.table, f]));
    expect(byTable.get("invoices")?.rows).toBe(2);
    expect(byTable.get("invoices__invoice_lines")?.rows).toBe(5);
    expect(
      byTable.get("invoices__invoice_lines__account_allocations")?.rows,
    ).toBe(10);
    expect([...byTable.keys()].some((t) => t.startsWith("_"))).toBe(false);

    const instance = await DuckDBInstance.create(":memory:");
    const connection = await instance.connect();
    try {
      for (const file of files) {
        const reader = await connection.runAndReadAll(
          `SELECT count(*) FROM read_parquet('${file.file}')`,
        );
        expect(Number(reader.getRows()[0]?.[0])).toBe(file.rows);
      }
      const totals = await connection.runAndReadAll(
        `SELECT gross_total::VARCHAR FROM read_parquet('${byTable.get("invoices")?.file}')
         WHERE id = 1`,
      );
      expect(totals.getRows()[0]?.[0]).toBe("12345678901234.5678000000");
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });

  it("also writes the bookkeeping tables when asked", async () => {
    const pool = join(folder, "pool.duckdb");
    await filledPool(pool);
    const files = await exportParquet(pool, join(folder, "out"), {
      bookkeeping: true,
    });
    expect(files.map((f) => f.table)).toEqual(
      expect.arrayContaining(["_checkpoints", "_schema_history"]),
    );
  });
});
