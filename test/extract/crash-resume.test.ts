import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  extract,
  type Harness,
  startHarness,
  table,
} from "./support/extraction-harness.js";
import { duplicateKeys, groundTruthDiff } from "./support/ground-truth.js";
import { startCli, writeConfig } from "./support/run-cli.js";

const TRIALS = 10;
const TABLES = { invoices: {} };
const PARALLEL_TRIALS = 5;

/** Seeded so a failing trial can be replayed. */
function delays(seed: number, count: number, max: number): number[] {
  let state = seed;
  return Array.from({ length: count }, () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return Math.floor((state / 2 ** 31) * max);
  });
}

describe("crash and resume", () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness({
      size: 600,
      seed: 21,
      latencyMs: 60,
      latencyPerRecordMs: 1,
    });
  });
  afterAll(async () => {
    await harness.close();
  });

  it("resumes SIGKILLed runs without losing or repeating a row", async () => {
    const kills = delays(20_261_203, TRIALS, 1_200);
    const outcomes: boolean[] = [];
    // Several trials at a time: each mostly waits on process start-up
    // and on the simulator's latency.
    for (let i = 0; i < TRIALS; i += PARALLEL_TRIALS) {
      const batch = Array.from({ length: PARALLEL_TRIALS }, (_, k) => i + k);
      outcomes.push(
        ...(await Promise.all(
          batch.filter((n) => n < TRIALS).map((n) => trial(n, kills[n] ?? 0)),
        )),
      );
    }
    expect(outcomes.some((resumed) => resumed)).toBe(true);
  }, 240_000);

  async function trial(n: number, killAfterMs: number): Promise<boolean> {
    const poolPath = path.join(harness.dir, `trial-${n}.duckdb`);
    // Odd trials on a pool file with 16 KB blocks (a small memory limit).
    const memoryLimitMb = n % 2 === 1 ? 100 : undefined;
    const config = await writeConfig(harness, TABLES, {
      name: `trial-${n}.json`,
      poolPath,
      memoryLimitMb,
    });
    const cli = startCli(["extract", "--config", config]);
    await cli.waitFor("running").catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, killAfterMs));
    cli.child.kill("SIGKILL");
    const killed = await cli.done;
    expect(killed.signal === "SIGKILL" || killed.code === 0).toBe(true);

    const settings = Object.keys(TABLES).map((resource) => table(resource));
    const report = await extract({ ...harness, poolPath }, settings, "auto", {
      memoryLimitMb,
    });
    expect(report.tables.flatMap((t) => t.error ?? [])).toEqual([]);
    for (const entry of settings) {
      const diff = await groundTruthDiff(poolPath, harness.sim.data, entry);
      expect(diff, `trial ${n}, killed after ${killAfterMs} ms`).toEqual([]);
      expect(await duplicateKeys(poolPath, entry.target)).toBe(0);
    }
    return report.tables.some((t) => t.resumed);
  }
});
