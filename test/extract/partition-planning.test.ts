import { describe, expect, it } from "vitest";
import { EmptyRangeSkipper } from "../../src/extract/empty-range-skipper.js";
import { keysetQuery } from "../../src/extract/keyset-query.js";
import { PageBudget } from "../../src/extract/page-budget.js";
import type { PageSource } from "../../src/extract/page-source.js";
import type { Partition } from "../../src/extract/partition-plan.js";
import {
  type PlanBase,
  planBetweenPages,
  planIdPartitions,
  planTimeSlices,
} from "../../src/extract/plan-partitions.js";
import { WorkPool } from "../../src/extract/work-pool.js";

const base: PlanBase = {
  mode: "full",
  from: null,
  to: "2026-01-01T00:00:00.000Z",
  runTo: "2026-01-01T00:00:00.000Z",
  fingerprint: "f",
};

describe("partition planning", () => {
  it("covers the id range with contiguous partitions, the last one open", () => {
    const partitions = planIdPartitions("ids", 1, 20_000, base, {
      workers: 16,
    });
    expect(partitions.length).toBeGreaterThanOrEqual(32);
    expect(partitions[0]?.plan.afterId).toBe(0);
    for (let i = 1; i < partitions.length; i++) {
      expect(partitions[i]?.plan.afterId).toBe(partitions[i - 1]?.plan.upToId);
    }
    expect(partitions.at(-1)?.plan.upToId).toBeNull();
    expect(new Set(partitions.map((p) => p.key)).size).toBe(partitions.length);
  });

  it("keeps partitions between a few and about a hundred pages", () => {
    expect(planIdPartitions("ids", 1, 600, base, { workers: 16 })).toHaveLength(
      3,
    );
    const big = planIdPartitions("ids", 1, 1_000_000, base, { workers: 16 });
    expect(big.length).toBeGreaterThanOrEqual(200);
    expect(big.length).toBeLessThanOrEqual(201);
  });

  it("sizes partitions in whole pages and can close the last one", () => {
    const partitions = planIdPartitions("ids", 51, 19_950, base, {
      workers: 32,
      openEnd: false,
    });
    expect(partitions[0]?.key).toBe("ids:51-300");
    expect(partitions[0]?.plan).toMatchObject({ afterId: 50, upToId: 300 });
    expect(partitions.at(-1)?.plan.upToId).toBe(19_950);
    expect(partitions.at(-1)?.key).toBe("ids:19801-19950");
  });

  it("makes the first and last page partitions of their own, split between", () => {
    const partitions = planBetweenPages(
      { firstId: 1, lastId: 50 },
      true,
      { firstId: 19_951, lastId: 20_000 },
      base,
      { workers: 32 },
    );
    expect(partitions[0]?.key).toBe("ids:1-50");
    expect(partitions[1]?.key).toBe("ids:51-300");
    expect(partitions.at(-2)?.key).toBe("ids:19801-19950");
    expect(partitions.at(-1)?.key).toBe("ids:19951-20000");
    expect(coverage(partitions)).toEqual({ low: 1, high: 20_000, gaps: 0 });
  });

  it("needs no partition beyond the pages when they meet or the first is short", () => {
    const short = planBetweenPages(
      { firstId: 3, lastId: 40 },
      false,
      { firstId: 3, lastId: 40 },
      base,
      { workers: 32 },
    );
    expect(short.map((p) => p.key)).toEqual(["ids:3-40"]);
    const overlapping = planBetweenPages(
      { firstId: 1, lastId: 50 },
      true,
      { firstId: 31, lastId: 80 },
      base,
      { workers: 32 },
    );
    expect(overlapping.map((p) => p.key)).toEqual(["ids:1-50", "ids:51-80"]);
  });

  it("answers a query over an empty id range without asking Coupa", async () => {
    const asked: string[] = [];
    const coupa: PageSource = {
      getPage: async (path) => {
        asked.push(path);
        return { records: [{ id: 1 }], serverDate: null, bytes: 10 };
      },
    };
    const source = new EmptyRangeSkipper(coupa);
    const range = (after: number, upTo: number) =>
      [
        ["id[gt]", String(after)],
        ["id[lt_or_eq]", String(upTo)],
      ] as const;
    expect((await source.getPage("/api/a", range(300, 300))).records).toEqual(
      [],
    );
    expect((await source.getPage("/api/b", range(299, 300))).records).toEqual([
      { id: 1 },
    ]);
    await source.getPage("/api/c", [["id[gt]", "300"]]);
    expect(asked).toEqual(["/api/b", "/api/c"]);
    expect(source.skipped).toBe(1);
  });

  it("slices a delta window into contiguous time slices ending at to", () => {
    const from = new Date("2026-01-01T00:00:00Z");
    const to = new Date("2026-01-01T01:10:00Z");
    const slices = planTimeSlices(from, to, { ...base, mode: "delta" });
    expect(slices).toHaveLength(5);
    expect(slices[0]?.plan.from).toBe(from.toISOString());
    expect(slices.at(-1)?.plan.to).toBe(to.toISOString());
    for (let i = 1; i < slices.length; i++) {
      expect(slices[i]?.plan.from).toBe(slices[i - 1]?.plan.to);
    }
  });

  it("builds keyset queries with the window, range, filter and fields", () => {
    const query = keysetQuery(
      {
        upToId: 5000,
        from: "2026-01-01T00:00:00.000Z",
        to: "2026-01-02T00:00:00.000Z",
      },
      1200,
      {
        updatedAt: "updated_at",
        filter: [["status", "approved"]],
        fields: '["id"]',
      },
    );
    expect(query).toEqual([
      ["order_by", "id"],
      ["dir", "asc"],
      ["limit", "50"],
      ["id[gt]", "1200"],
      ["id[lt_or_eq]", "5000"],
      ["updated_at[gt_or_eq]", "2026-01-01T00:00:00+00:00"],
      ["updated_at[lt]", "2026-01-02T00:00:00+00:00"],
      ["status", "approved"],
      ["fields", '["id"]'],
    ]);
    expect(query.some(([key]) => key === "offset")).toBe(false);
  });
});

/** The ids a list of partitions covers, and how many gaps it leaves. */
function coverage(partitions: readonly Partition[]) {
  let gaps = 0;
  for (let i = 1; i < partitions.length; i++) {
    const before = partitions[i - 1]?.plan.upToId;
    if (partitions[i]?.plan.afterId !== before) gaps += 1;
  }
  return {
    low: (partitions[0]?.plan.afterId ?? 0) + 1,
    high: partitions.at(-1)?.plan.upToId,
    gaps,
  };
}

describe("work pool", () => {
  it("never runs more tasks at once than its size, larger priority first", async () => {
    const pool = new WorkPool(3);
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    const releases: (() => void)[] = [];
    const task = (n: number) => async () => {
      running++;
      peak = Math.max(peak, running);
      order.push(n);
      await new Promise<void>((resolve) => releases.push(resolve));
      running--;
    };
    const all = [1, 2, 3, 4, 5].map((n) => pool.run(task(n), n));
    while (order.length < 5) {
      await new Promise((resolve) => setImmediate(resolve));
      releases.shift()?.();
    }
    for (const release of releases) release();
    await Promise.all(all);
    expect(peak).toBe(3);
    expect(order.slice(3)).toEqual([5, 4]);
  });
});

describe("page budget", () => {
  it("holds readers back until committed pages are given back", async () => {
    const budget = new PageBudget(2);
    await budget.acquire();
    await budget.acquire();
    let third = false;
    const waiting = budget.acquire().then(() => {
      third = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(third).toBe(false);
    budget.release(1);
    await waiting;
    expect(third).toBe(true);
  });

  it("wakes a waiting reader with the abort reason", async () => {
    const budget = new PageBudget(1);
    await budget.acquire();
    const controller = new AbortController();
    const waiting = budget.acquire(controller.signal);
    controller.abort(new Error("stopped"));
    await expect(waiting).rejects.toThrow("stopped");
  });
});
