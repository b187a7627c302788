import { getEventListeners } from "node:events";
import { describe, expect, it } from "vitest";
import { RateLimiter } from "../../src/coupa/rate-limiter.js";
import { RateLimiterRegistry } from "../../src/coupa/rate-limiter-registry.js";
import { ManualClock } from "./manual-clock.js";

function startMany(limiter: RateLimiter, count: number): () => number {
  let admitted = 0;
  for (let i = 0; i < count; i += 1) {
    void limiter.acquire().then(() => {
      admitted += 1;
    });
  }
  return () => admitted;
}

/** Replays arrivals through Coupa's leaky bucket; counts the refused. */
function overflows(arrivals: readonly number[], rps: number, burst: number) {
  let level = 0;
  let last = arrivals[0] ?? 0;
  let refused = 0;
  for (const at of arrivals) {
    level = Math.max(0, level - ((at - last) / 1000) * rps);
    last = at;
    if (level + 1 > burst) refused += 1;
    else level += 1;
  }
  return refused;
}

describe("RateLimiter", () => {
  it("leaves no abort listener on a signal once requests were admitted", async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({
      requestsPerSecond: 25,
      burst: 20,
      clock,
    });
    const signal = new AbortController().signal;
    const turns = Array.from({ length: 30 }, () => limiter.acquire(signal));
    expect(getEventListeners(signal, "abort").length).toBeGreaterThan(0);
    for (let step = 0; step < 20; step += 1) await clock.advance(100);
    await Promise.all(turns);
    expect(getEventListeners(signal, "abort")).toHaveLength(0);
  });

  it("admits the burst less headroom at once, then one request per interval", async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({
      requestsPerSecond: 25,
      burst: 20,
      headroom: 2,
      pace: 1,
      clock,
    });
    const admitted = startMany(limiter, 100);
    await clock.advance(0);
    expect(admitted()).toBe(18);
    await clock.advance(40);
    expect(admitted()).toBe(19);
    await clock.advance(400);
    expect(admitted()).toBe(29);
    await clock.advance(2000);
    expect(admitted()).toBe(79);
  });

  it("keeps ten places of Coupa's bucket free and paces at the full rate by default", async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({
      requestsPerSecond: 25,
      burst: 20,
      clock,
    });
    const admitted = startMany(limiter, 400);
    await clock.advance(0);
    expect(admitted()).toBe(10);
    for (let step = 0; step < 100; step += 1) await clock.advance(100);
    // 25/s for 10 s; the last one may fall just past the edge.
    expect(admitted()).toBeGreaterThanOrEqual(10 + 249);
    expect(admitted()).toBeLessThanOrEqual(10 + 250);
  });

  it("fits a hold-up of 380 ms after a burst into Coupa's bucket, again and again", async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({
      requestsPerSecond: 25,
      burst: 20,
      clock,
    });
    const arrivals: number[] = [];
    for (let round = 0; round < 3; round += 1) {
      // Idle long enough for a full burst, then 4 s of work whose first
      // 380 ms reach Coupa all at once, on top of what follows in time.
      await clock.advance(1000);
      const start = clock.now();
      for (let i = 0; i < 100; i += 1) {
        void limiter.acquire().then(() => {
          arrivals.push(Math.max(clock.now(), start + 380));
        });
      }
      for (let step = 0; step < 40; step += 1) await clock.advance(100);
    }
    expect(arrivals).toHaveLength(300);
    expect(overflows(arrivals, 25, 20)).toBe(0);
  });

  it("never admits more than Coupa's bucket holds in any window", async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({
      requestsPerSecond: 25,
      burst: 20,
      clock,
    });
    const times: number[] = [];
    for (let i = 0; i < 200; i += 1) {
      void limiter.acquire().then(() => times.push(clock.now()));
    }
    for (let step = 0; step < 100; step += 1) await clock.advance(100);
    expect(times).toHaveLength(200);
    expect(overflows(times, 25, 20)).toBe(0);
  });

  it("halves the rate on a throttle and counts simultaneous throttles once", async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({
      requestsPerSecond: 20,
      burst: 10,
      pace: 1,
      decreaseFactor: 0.5,
      recoveryPerSecond: 0,
      clock,
    });
    limiter.throttled();
    limiter.throttled();
    limiter.throttled();
    expect(limiter.state().requestsPerSecond).toBe(10);
    expect(limiter.state().decreases).toBe(1);
    await clock.advance(1000);
    limiter.throttled();
    expect(limiter.state().decreases).toBe(2);
  });

  it("climbs back linearly to the configured rate after throttling", async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({
      requestsPerSecond: 20,
      burst: 10,
      pace: 1,
      decreaseFactor: 0.5,
      recoveryPerSecond: 2,
      clock,
    });
    limiter.throttled();
    expect(limiter.state().requestsPerSecond).toBe(10);
    await clock.advance(2500);
    expect(limiter.state().requestsPerSecond).toBe(15);
    await clock.advance(10_000);
    expect(limiter.state().requestsPerSecond).toBe(20);
  });

  it("admits nothing until Retry-After has passed", async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({
      requestsPerSecond: 25,
      burst: 20,
      clock,
    });
    limiter.throttled(3000);
    const admitted = startMany(limiter, 5);
    await clock.advance(2999);
    expect(admitted()).toBe(0);
    await clock.advance(100);
    expect(admitted()).toBeGreaterThanOrEqual(1);
    expect(admitted()).toBeLessThanOrEqual(3);
  });

  it("treats Coupa's bucket as full after a throttle: no new burst", async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({
      requestsPerSecond: 20,
      burst: 20,
      pace: 1,
      decreaseFactor: 0.5,
      recoveryPerSecond: 0,
      clock,
    });
    limiter.throttled();
    const admitted = startMany(limiter, 30);
    await clock.advance(0);
    expect(admitted()).toBeLessThanOrEqual(1);
    await clock.advance(1000);
    expect(admitted()).toBeLessThanOrEqual(11);
  });

  it("rejects a waiting caller whose signal fires, and serves the others", async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({
      requestsPerSecond: 1,
      burst: 1,
      headroom: 0,
      pace: 1,
      clock,
    });
    await limiter.acquire();
    const controller = new AbortController();
    const cancelled = limiter.acquire(controller.signal);
    const served = limiter.acquire();
    controller.abort(new Error("stop"));
    await expect(cancelled).rejects.toThrow("stop");
    await clock.advance(1000);
    await expect(served).resolves.toBeUndefined();
    expect(limiter.state().waiting).toBe(0);
  });
});

describe("RateLimiterRegistry", () => {
  it("gives every caller of one origin the same limiter", () => {
    const registry = new RateLimiterRegistry();
    const options = { requestsPerSecond: 25, burst: 20 };
    const a = registry.forOrigin("https://acme.coupahost.com", options);
    const b = registry.forOrigin("https://ACME.coupahost.com", {
      requestsPerSecond: 5,
      burst: 1,
    });
    const other = registry.forOrigin("https://beta.coupahost.com", options);
    expect(b).toBe(a);
    expect(other).not.toBe(a);
  });
});
