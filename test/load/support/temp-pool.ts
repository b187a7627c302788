import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getCatalog } from "../../../src/catalog/catalog.js";
import type { DuckDbPoolStore } from "../../../src/load/duckdb-pool-store.js";
import type { Checkpoint } from "../../../src/load/pool-store.js";
import { RecordNormalizer } from "../../../src/normalize/record-normalizer.js";
import {
  planTableLayout,
  type TableLayout,
} from "../../../src/normalize/table-layout.js";
import type { TableSettings } from "../../../src/normalize/table-settings.js";
import { invoiceSettings } from "../../normalize/support/invoice-records.js";

/** A fresh folder for pool files; remove it with `removeFolder`. */
export async function tempFolder(): Promise<string> {
  return mkdtemp(join(tmpdir(), "coupa-pool-"));
}

/** Removes a folder made by `tempFolder`. */
export async function removeFolder(folder: string): Promise<void> {
  await rm(folder, { recursive: true, force: true });
}

/** The invoices layout (optionally with other settings). */
export function invoiceLayout(settings: TableSettings = invoiceSettings()) {
  return planTableLayout(settings, getCatalog("R39"));
}

/** A normalizer for a layout, keyed with the store's secret. */
export async function normalizerFor(
  store: DuckDbPoolStore,
  layout: TableLayout,
  settings: TableSettings = invoiceSettings(),
  runId = "run-1",
): Promise<RecordNormalizer> {
  return new RecordNormalizer(layout, {
    pseudonymKey: await store.pseudonymKey(),
    pseudonymize: settings.pseudonymize,
    runId,
    extractedAt: () => new Date("2024-05-01T12:00:00Z"),
  });
}

/** A checkpoint of partition `p1` of the invoices table. */
export function checkpoint(lastId: number, runId = "run-1"): Checkpoint {
  return {
    runId,
    table: "invoices",
    partition: "ids:1-1000",
    lastId,
    done: false,
    plan: '{"from":1,"to":1000}',
  };
}
