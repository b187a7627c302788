import { Agent } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "../../src/simulator/simulator-clock.js";
import {
  type RunningSimulator,
  startSimulator,
} from "../../src/simulator/start-simulator.js";
import { apiJson, http, mintToken } from "./sim-http.js";

const T0 = Date.parse("2026-03-01T12:00:00Z");
let now = T0;
let sim: RunningSimulator;
let token: string;
let agent: Agent;
const sleeps: number[] = [];

beforeAll(async () => {
  sim = await startSimulator({
    size: 20,
    seed: 8,
    clock: {
      now: () => now,
      sleep: (ms) => {
        sleeps.push(ms);
        return systemClock.sleep(ms);
      },
    },
  });
  sim.admin.setSwitches({ rateLimit: false });
  token = await mintToken(sim);
  agent = new Agent({ connections: 128 });
});
afterAll(async () => {
  await agent?.close();
  await sim?.close();
});

const cheap = "/api/departments?limit=1";

function burst(count: number, target = sim, bearer = token) {
  return Promise.all(
    Array.from({ length: count }, () =>
      apiJson(target, bearer, cheap, { dispatcher: agent }),
    ),
  );
}

const statusCounts = (answers: { status: number }[]) => {
  const counts: Record<number, number> = {};
  for (const { status } of answers) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
};

describe("rate limit", () => {
  it("admits a burst of 20, refuses the rest with 429, then admits again as the bucket drains", async () => {
    sim.admin.setSwitches({ rateLimit: true, rps: 25, burst: 20 });
    try {
      const first = await burst(100);
      expect(statusCounts(first)).toEqual({ 200: 20, 429: 80 });
      const refused = first.find((a) => a.status === 429);
      expect(refused?.json()).toEqual({
        errors: { base: ["Too Many Requests"] },
      });
      expect(refused?.headers["retry-after"]).toBeUndefined();

      now += 400;
      expect(statusCounts(await burst(30))).toEqual({ 200: 10, 429: 20 });
      now += 1000;
      expect(statusCounts(await burst(30))).toEqual({ 200: 20, 429: 10 });
    } finally {
      sim.admin.setSwitches({ rateLimit: false });
    }
  });

  it("sends Retry-After on 429 only when switched on", async () => {
    sim.admin.setSwitches({ rateLimit: true, burst: 2, retryAfter: true });
    try {
      const answers = await burst(5);
      const refused = answers.filter((a) => a.status === 429);
      expect(refused).toHaveLength(3);
      for (const a of refused) expect(Number(a.headers["retry-after"])).toBe(1);
    } finally {
      sim.admin.setSwitches({ rateLimit: false, burst: 20, retryAfter: false });
    }
  });

  it("throttles on the real clock too", async () => {
    const real = await startSimulator({ size: 10, seed: 2 });
    try {
      const bearer = await mintToken(real);
      const first = statusCounts(await burst(100, real, bearer));
      expect(first[200]).toBeGreaterThanOrEqual(20);
      expect(first[200]).toBeLessThan(50);
      expect(first[429]).toBeGreaterThan(50);
      await systemClock.sleep(1200);
      const again = statusCounts(await burst(10, real, bearer));
      expect(again[200]).toBe(10);
    } finally {
      await real.close();
    }
  });
});

describe("faults", () => {
  async function fire(count: number, dispatcher: Agent) {
    const outcomes: string[] = [];
    const queue = Array.from({ length: count }, (_, i) => i);
    const worker = async () => {
      while (queue.shift() !== undefined) {
        try {
          const answer = await apiJson(sim, token, cheap, { dispatcher });
          if (answer.status !== 200) outcomes.push(String(answer.status));
          else {
            try {
              answer.json();
              outcomes.push("ok");
            } catch {
              outcomes.push("malformed");
            }
          }
        } catch {
          outcomes.push("error");
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    return outcomes;
  }
  const count = (list: string[], pred: (s: string) => boolean) =>
    list.filter(pred).length;

  it("answers 502, 503 or 504 at about the configured rate", async () => {
    sim.admin.setSwitches({ fault5xxRate: 0.2 });
    try {
      const outcomes = await fire(300, agent);
      const failed = count(outcomes, (s) => s.startsWith("50"));
      expect(failed).toBeGreaterThan(35);
      expect(failed).toBeLessThan(85);
      expect(count(outcomes, (s) => s === "ok") + failed).toBe(300);
      expect(new Set(outcomes.filter((s) => s !== "ok"))).toEqual(
        new Set(["502", "503", "504"]),
      );
    } finally {
      sim.admin.setSwitches({ fault5xxRate: 0 });
    }
  });

  it("resets connections, truncates bodies and garbles JSON at about their rates", async () => {
    sim.admin.setSwitches({
      faultResetRate: 0.1,
      faultTruncateRate: 0.1,
      faultMalformedRate: 0.1,
    });
    const fresh = new Agent({ connections: 16 });
    try {
      const outcomes = await fire(300, fresh);
      const errors = count(outcomes, (s) => s === "error");
      const garbled = count(outcomes, (s) => s === "malformed");
      expect(errors).toBeGreaterThan(35);
      expect(errors).toBeLessThan(85);
      expect(garbled).toBeGreaterThan(15);
      expect(garbled).toBeLessThan(45);
      const log = sim.admin.requestLog().slice(-300);
      expect(
        count(
          log.map((e) => e.fault ?? ""),
          (f) => f === "reset",
        ),
      ).toBeGreaterThan(15);
      expect(
        count(
          log.map((e) => e.fault ?? ""),
          (f) => f === "truncate",
        ),
      ).toBeGreaterThan(15);
    } finally {
      sim.admin.setSwitches({
        faultResetRate: 0,
        faultTruncateRate: 0,
        faultMalformedRate: 0,
      });
      await fresh.close();
    }
  });

  it("answers slowly or never at about their rates", async () => {
    sim.admin.setSwitches({
      faultSlowRate: 0.2,
      faultSlowMs: 5,
      faultHangRate: 0.1,
    });
    const impatient = new Agent({ connections: 16, headersTimeout: 300 });
    try {
      sim.admin.clearRequestLog();
      const outcomes = await fire(150, impatient);
      const log = sim.admin.requestLog();
      const hung = count(
        log.map((e) => e.fault ?? ""),
        (f) => f === "hang",
      );
      const slow = count(
        log.map((e) => e.fault ?? ""),
        (f) => f === "slow",
      );
      expect(count(outcomes, (s) => s === "error")).toBe(hung);
      expect(hung).toBeGreaterThan(5);
      expect(hung).toBeLessThan(30);
      expect(slow).toBeGreaterThan(12);
      expect(slow).toBeLessThan(50);
      expect(
        log.filter((e) => e.fault === "hang").every((e) => e.status === null),
      ).toBe(true);
    } finally {
      sim.admin.setSwitches({ faultSlowRate: 0, faultHangRate: 0 });
      await impatient.close();
    }
  });

  it("chooses the same faults for the same seed", async () => {
    const sequence = async () => {
      sim.admin.setSwitches({ fault5xxRate: 0.3, faultSeed: 99 });
      const statuses: number[] = [];
      for (let i = 0; i < 40; i++) {
        statuses.push((await apiJson(sim, token, cheap)).status);
      }
      return statuses;
    };
    try {
      const a = await sequence();
      expect(a.some((s) => s !== 200)).toBe(true);
      expect(await sequence()).toEqual(a);
    } finally {
      sim.admin.setSwitches({ fault5xxRate: 0 });
    }
  });
});

describe("latency", () => {
  it("waits a fixed time plus a time per record returned", async () => {
    sim.admin.setSwitches({ latencyMs: 30, latencyPerRecordMs: 2 });
    try {
      sleeps.length = 0;
      await apiJson(sim, token, "/api/invoices?limit=5");
      await apiJson(sim, token, "/api/invoices?id=99999999");
      expect(sleeps).toEqual([40, 30]);
    } finally {
      sim.admin.setSwitches({ latencyMs: 0, latencyPerRecordMs: 0 });
    }
  });
});

describe("tenant IP allowlist", () => {
  it("lets allowed sources in and shows others an access-denied page", async () => {
    const inside = new Agent({ localAddress: "127.0.0.2" });
    const outside = new Agent({ localAddress: "127.0.0.3" });
    sim.admin.setSwitches({ ipAllowlist: ["127.0.0.2"] });
    try {
      const ok = await apiJson(sim, token, cheap, { dispatcher: inside });
      expect(ok.status).toBe(200);
      const denied = await apiJson(sim, token, cheap, { dispatcher: outside });
      expect(denied.status).toBe(403);
      expect(denied.headers["content-type"]).toContain("text/html");
      expect(denied.text).toContain("Access denied");
      const tokenDenied = await http(`${sim.baseUrl}/oauth2/token`, {
        method: "POST",
        dispatcher: outside,
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "grant_type=client_credentials",
      });
      expect(tokenDenied.status).toBe(403);
      const last = sim.admin.requestLog().at(-1);
      expect(last?.sourceAddress).toBe("127.0.0.3");
    } finally {
      sim.admin.setSwitches({ ipAllowlist: [] });
      await inside.close();
      await outside.close();
    }
  });
});

describe("clock skew", () => {
  it("runs the Date header ahead or behind by the configured seconds", async () => {
    const dateOf = async () =>
      Date.parse((await apiJson(sim, token, cheap)).headers.date as string);
    expect(await dateOf()).toBe(Math.floor(now / 1000) * 1000);
    sim.admin.setSwitches({ clockSkewSeconds: 90 });
    expect(await dateOf()).toBe(Math.floor(now / 1000) * 1000 + 90_000);
    sim.admin.setSwitches({ clockSkewSeconds: -3600 });
    expect(await dateOf()).toBe(Math.floor(now / 1000) * 1000 - 3_600_000);
    sim.admin.setSwitches({ clockSkewSeconds: 0 });
  });
});

describe("request log", () => {
  it("records method, path, raw and parsed query, status, source and time", async () => {
    sim.admin.clearRequestLog();
    await apiJson(
      sim,
      token,
      "/api/invoices?status%5Bin%5D=approved,voided&limit=2",
    );
    await apiJson(sim, token, "/api/invoices/999999");
    const [list, member] = sim.admin.requestLog();
    expect(list).toEqual({
      method: "GET",
      path: "/api/invoices",
      rawQuery: "status%5Bin%5D=approved,voided&limit=2",
      query: [
        ["status[in]", "approved,voided"],
        ["limit", "2"],
      ],
      status: 200,
      sourceAddress: "127.0.0.1",
      time: new Date(now).toISOString(),
      fault: null,
    });
    expect(member?.status).toBe(404);
  });

  it("keeps only the newest entries beyond its capacity and clears over HTTP", async () => {
    const small = await startSimulator({
      size: 10,
      rateLimit: false,
      requestLogCapacity: 5,
    });
    try {
      const bearer = await mintToken(small);
      for (let i = 1; i <= 8; i++) {
        await apiJson(small, bearer, `/api/departments?limit=${i}`);
      }
      const log = small.admin.requestLog();
      expect(log.map((e) => e.rawQuery)).toEqual(
        [4, 5, 6, 7, 8].map((i) => `limit=${i}`),
      );
      const cleared = await http(`${small.adminUrl}/requests`, {
        method: "DELETE",
        headers: { authorization: `Bearer ${small.adminToken}` },
      });
      expect(cleared.status).toBe(204);
      const read = await http(`${small.adminUrl}/requests`, {
        headers: { authorization: `Bearer ${small.adminToken}` },
      });
      expect(read.json()).toEqual([]);
    } finally {
      await small.close();
    }
  });
});
