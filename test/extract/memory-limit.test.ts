import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startExtraction } from "../../src/extract/start-extraction.js";
import { PoolReader } from "../../src/load/pool-reader.js";
import {
  type Harness,
  startHarness,
  table,
} from "./support/extraction-harness.js";
import { duplicateKeys, groundTruthDiff } from "./support/ground-truth.js";
import { runCli, writeConfig } from "./support/run-cli.js";

const INVOICES = table("invoices");

describe("a pool under a small memory limit", () => {
  let harness: Harness;

  beforeAll(async () => {
    // Enough invoices that their table data outgrows a 64 MB limit before
    // the table's closing checkpoint.
    harness = await startHarness({ size: 10_000, seed: 21 });
  });
  afterAll(async () => {
    await harness.close();
  });

  it("spills past the limit and still equals Coupa, on a 16 KB-block file", async () => {
    const handle = startExtraction({
      connection: harness.connection,
      poolPath: harness.poolPath,
      memoryLimitMb: 64,
      tables: [INVOICES],
      mode: "full",
      safetyMarginMs: 0,
    });
    // A reader of the same file shares the run's DuckDB instance, so it
    // sees the instance's memory and spill files while the run writes.
    let reader: PoolReader | undefined;
    let spilled = 0;
    let sampling = Promise.resolve();
    handle.on("progress", () => {
      sampling = sampling.then(async () => {
        reader ??= await PoolReader.open(harness.poolPath);
        const [row] = await reader.query(
          `SELECT sum(temporary_storage_bytes) AS spilled,
             current_setting('memory_limit') AS memory_limit
           FROM duckdb_memory()`,
        );
        expect(row?.memory_limit).toBe("61.0 MiB");
        spilled = Math.max(spilled, Number(row?.spilled));
      });
    });
    const report = await handle.result;
    await sampling;
    const [file] = (await reader?.query(
      "SELECT block_size FROM pragma_database_size()",
    )) ?? [{}];
    await reader?.close();

    expect(report.tables.flatMap((t) => t.error ?? [])).toEqual([]);
    expect(report.totals.rows).toBe(10_000);
    expect(spilled).toBeGreaterThan(0);
    expect(file?.block_size).toBe(16_384);
    expect(
      await groundTruthDiff(harness.poolPath, harness.sim.data, INVOICES),
    ).toEqual([]);
    expect(await duplicateKeys(harness.poolPath, "invoices")).toBe(0);
  });

  it("takes the limit from the config file, and refuses it for a 256 KB-block pool", async () => {
    // Pool files of their own: this process still holds the first test's.
    const fresh = `${harness.dir}/fresh.duckdb`;
    const config = await writeConfig(
      harness,
      { users: {} },
      { poolPath: fresh, memoryLimitMb: 100 },
    );
    const done = await runCli(["extract", "--config", config]);
    expect(done.stderr).toBe("");
    expect(done.code).toBe(0);
    const reader = await PoolReader.open(fresh);
    const [file] = await reader.query(
      "SELECT block_size FROM pragma_database_size()",
    );
    await reader.close();
    expect(file?.block_size).toBe(16_384);

    const older = `${harness.dir}/older.duckdb`;
    const first = await runCli([
      "extract",
      "--config",
      await writeConfig(harness, { users: {} }, { poolPath: older }),
    ]);
    expect(first.code).toBe(0);
    harness.sim.admin.clearRequestLog();
    const refused = await runCli([
      "extract",
      "--config",
      await writeConfig(
        harness,
        { users: {} },
        { poolPath: older, memoryLimitMb: 100 },
      ),
    ]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      `memoryLimitMb is 100, but the pool file ${older} has 256 KB blocks`,
    );
    expect(harness.sim.admin.requestLog()).toEqual([]);
  });
});
