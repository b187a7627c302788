import { describe, expect, it, vi } from "vitest";
import { TokenCache } from "../../src/coupa/token-cache.js";
import { ManualClock } from "./manual-clock.js";

function minting(clock: ManualClock, lifetimeSeconds = 86_399) {
  let n = 0;
  return vi.fn(async () => {
    n += 1;
    await clock.sleep(10);
    return { accessToken: `token-${n}`, expiresInSeconds: lifetimeSeconds };
  });
}

describe("TokenCache", () => {
  it("mints once however many callers ask at the same time", async () => {
    const clock = new ManualClock();
    const mint = minting(clock);
    const cache = new TokenCache({ mint, clock });
    const tokens = Array.from({ length: 50 }, () => cache.get());
    await clock.advance(10);
    const values = (await Promise.all(tokens)).map((t) => t.value);
    expect(new Set(values)).toEqual(new Set(["token-1"]));
    expect(mint).toHaveBeenCalledTimes(1);
  });

  it("renews after five sixths of the lifetime, before Coupa expires it", async () => {
    const clock = new ManualClock();
    const mint = minting(clock, 600);
    const cache = new TokenCache({ mint, clock });
    const first = cache.get();
    await clock.advance(10);
    expect((await first).value).toBe("token-1");
    await clock.advance(499_000);
    expect((await cache.get()).value).toBe("token-1");
    await clock.advance(1_000);
    const renewed = cache.get();
    await clock.advance(10);
    expect((await renewed).value).toBe("token-2");
  });

  it("re-mints once when many requests report the same refused token", async () => {
    const clock = new ManualClock();
    const mint = minting(clock);
    const cache = new TokenCache({ mint, clock });
    const pending = cache.get();
    await clock.advance(10);
    const old = await pending;
    for (let i = 0; i < 10; i += 1) cache.invalidate(old);
    const again = Array.from({ length: 10 }, () => cache.get());
    await clock.advance(10);
    for (let i = 0; i < 10; i += 1) cache.invalidate(old);
    const values = (await Promise.all(again)).map((t) => t.value);
    expect(new Set(values)).toEqual(new Set(["token-2"]));
    expect((await cache.get()).value).toBe("token-2");
    expect(cache.mints).toBe(2);
  });

  it("reports a failed token request to every waiter and tries again on the next call", async () => {
    const clock = new ManualClock();
    let fail = true;
    const mint = vi.fn(async () => {
      if (fail) throw new Error("token endpoint down");
      return { accessToken: "ok", expiresInSeconds: 100 };
    });
    const cache = new TokenCache({ mint, clock });
    const results = await Promise.allSettled([cache.get(), cache.get()]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    expect(mint).toHaveBeenCalledTimes(1);
    fail = false;
    expect((await cache.get()).value).toBe("ok");
  });
});
