import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DuckDbPoolStore } from "../../src/load/duckdb-pool-store.js";
import { PoolPathError } from "../../src/load/pool-path-error.js";
import { PoolReader } from "../../src/load/pool-reader.js";
import { invoiceRecord } from "../normalize/support/invoice-records.js";
import {
  checkpoint,
  invoiceLayout,
  normalizerFor,
  removeFolder,
  tempFolder,
} from "./support/temp-pool.js";

let folder: string;
let reader: PoolReader;

beforeEach(async () => {
  folder = await tempFolder();
  const path = join(folder, "pool.duckdb");
  const store = await DuckDbPoolStore.open(path);
  const n = await normalizerFor(store, invoiceLayout());
  await store.commitPage(
    n.normalize([1, 2, 3].map((id) => invoiceRecord(id))),
    checkpoint(3),
    "evolve",
  );
  await store.close();
  reader = await PoolReader.open(path);
});

afterEach(async () => {
  await reader.close();
  await removeFolder(folder);
});

describe("PoolReader", () => {
  it("lists extracted tables before bookkeeping ones, with counts and types", async () => {
    const tables = await reader.tables();
    expect(tables[0]?.name).toBe("invoices");
    expect(tables[0]?.rows).toBe(3);
    expect(tables[0]?.columns).toContainEqual({
      name: "created_at",
      type: "TIMESTAMP WITH TIME ZONE",
    });
    expect(tables.at(-1)?.name.startsWith("_")).toBe(true);
  });

  it("pages through rows with JSON-safe exact values", async () => {
    const rows = await reader.rows("invoices", {
      limit: 2,
      offset: 1,
      orderBy: "id",
    });
    expect(rows.map((r) => r.id)).toEqual([2, 3]);
    expect(rows[0]).toMatchObject({
      gross_total: "2.5000000000",
      created_at: "2024-03-01T17:15:00.000Z",
      supplier_name: "Supplier 2",
    });
  });

  it("refuses to open a pool that does not exist instead of creating it", async () => {
    const missing = join(folder, "nope.duckdb");
    const error = await PoolReader.open(missing).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PoolPathError);
    expect((error as PoolPathError).problem).toBe("missing");
    expect(existsSync(missing)).toBe(false);
  });

  it("names the known tables and columns when asked for unknown ones", async () => {
    await expect(reader.rows("nope", { limit: 1, offset: 0 })).rejects.toThrow(
      /No table "nope".*invoices/,
    );
    await expect(
      reader.rows("invoices", { limit: 1, offset: 0, orderBy: "nope" }),
    ).rejects.toThrow(/no such column/);
  });
});
