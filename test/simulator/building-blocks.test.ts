import { describe, expect, it } from "vitest";
import { AddressAllowlist } from "../../src/simulator/address-allowlist.js";
import { FaultPlanner } from "../../src/simulator/faults/fault-planner.js";
import { parseQueryInstant } from "../../src/simulator/query/parse-query-instant.js";
import { LeakyBucket } from "../../src/simulator/rate-limiter.js";
import { singularize } from "../../src/simulator/render/singularize.js";
import { defaultSwitches } from "../../src/simulator/simulator-switches.js";

describe("query instants", () => {
  it("reads offsets, Z and bare dates as Coupa documents", () => {
    expect(parseQueryInstant("2025-03-01T10:00:00-08:00")).toBe(
      Date.parse("2025-03-01T18:00:00Z"),
    );
    expect(parseQueryInstant("2025-03-01T10:00:00+0530")).toBe(
      Date.parse("2025-03-01T04:30:00Z"),
    );
    expect(parseQueryInstant("2025-03-01")).toBe(
      Date.parse("2025-03-01T00:00:00Z"),
    );
    expect(parseQueryInstant("2025-03-01T10:00:00.250Z")).toBe(
      Date.parse("2025-03-01T10:00:00.250Z"),
    );
  });

  it("refuses impossible dates and an unencoded plus", () => {
    expect(parseQueryInstant("2025-02-30")).toBeUndefined();
    expect(parseQueryInstant("2025-03-01T10:00:00 01:00")).toBeUndefined();
    expect(parseQueryInstant("yesterday")).toBeUndefined();
  });
});

describe("XML item names", () => {
  it("singularizes collection names as Rails does", () => {
    expect(singularize("invoice-lines")).toBe("invoice-line");
    expect(singularize("addresses")).toBe("address");
    expect(singularize("diversity-categories")).toBe("diversity-category");
    expect(singularize("taxes")).toBe("tax");
    expect(singularize("status")).toBe("status");
  });
});

describe("leaky bucket", () => {
  it("admits the burst, then drains at the rate", () => {
    let now = 0;
    const bucket = new LeakyBucket(() => now);
    const admitted = () =>
      Array.from({ length: 40 }, () => bucket.take(25, 20)).filter(
        (d) => d.admitted,
      ).length;
    expect(admitted()).toBe(20);
    now += 200;
    expect(admitted()).toBe(5);
    now += 10_000;
    expect(admitted()).toBe(20);
  });

  it("says how long to wait when it refuses", () => {
    const bucket = new LeakyBucket(() => 0);
    for (let i = 0; i < 2; i++) bucket.take(0.5, 2);
    expect(bucket.take(0.5, 2)).toEqual({
      admitted: false,
      retryAfterSeconds: 2,
    });
  });
});

describe("fault planner", () => {
  it("repeats its choices for a seed and varies them across seeds", () => {
    const switches = {
      ...defaultSwitches(1),
      fault5xxRate: 0.25,
      faultHangRate: 0.25,
    };
    const run = (seed: number) => {
      const planner = new FaultPlanner(seed);
      return Array.from(
        { length: 50 },
        () => planner.next(switches)?.kind ?? "-",
      );
    };
    expect(run(7)).toEqual(run(7));
    expect(run(7)).not.toEqual(run(8));
    expect(new Set(run(7))).toEqual(new Set(["-", "5xx", "hang"]));
  });

  it("injects nothing when every rate is zero", () => {
    const planner = new FaultPlanner(1);
    expect(planner.next(defaultSwitches(1))).toBeUndefined();
  });
});

describe("address allowlist", () => {
  it("matches addresses and CIDR ranges, IPv4 seen through IPv6 too", () => {
    const list = new AddressAllowlist(["127.0.0.2", "10.1.0.0/16"]);
    expect(list.allows("127.0.0.2")).toBe(true);
    expect(list.allows("::ffff:127.0.0.2")).toBe(true);
    expect(list.allows("10.1.200.3")).toBe(true);
    expect(list.allows("127.0.0.3")).toBe(false);
    expect(new AddressAllowlist([]).allows("192.0.2.1")).toBe(true);
  });

  it("names an entry that is not an address", () => {
    expect(() => new AddressAllowlist(["10.0.0.0/40"])).toThrow(
      /10\.0\.0\.0\/40/,
    );
  });
});
