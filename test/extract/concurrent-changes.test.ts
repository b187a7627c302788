import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startExtraction } from "../../src/extract/start-extraction.js";
import {
  extract,
  type Harness,
  nextSecond,
  startHarness,
  table,
} from "./support/extraction-harness.js";
import { groundTruthDiff } from "./support/ground-truth.js";

describe("changes while a full load runs", () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness({ size: 400, seed: 17, latencyMs: 20 });
  });
  afterAll(async () => {
    await harness.close();
  });

  it("has every record updated during a full load after the next delta", async () => {
    const invoices = table("invoices", { detectDeletes: true });
    const data = harness.sim.data;
    const ids = [...data.groundTruth("invoices")].map((r) => Number(r.id));
    const handle = startExtraction({
      connection: harness.connection,
      poolPath: harness.poolPath,
      tables: [invoices],
      mode: "full",
      safetyMarginMs: 0,
    });
    let changed = false;
    handle.on("progress", (progress) => {
      const pages = progress.tables[0]?.pages ?? 0;
      if (!changed && pages >= 2) {
        changed = true;
        // Records on both sides of the pages read so far.
        const picks = [ids[0], ids[1], ids[150], ids[250], ids.at(-1)];
        data.update("invoices", picks.length, {
          ids: picks.filter((id): id is number => id !== undefined),
        });
        data.remove("invoices", 1, [ids[200] as number]);
      }
    });
    const full = await handle.result;
    expect(changed).toBe(true);
    expect(full.status).toBe("succeeded");

    await nextSecond();
    const delta = await extract(harness, [invoices], "auto");
    expect(delta.tables[0]?.mode).toBe("delta");
    expect(await groundTruthDiff(harness.poolPath, data, invoices)).toEqual([]);
  });
});
