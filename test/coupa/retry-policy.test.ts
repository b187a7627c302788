import { describe, expect, it } from "vitest";
import {
  canRetry,
  DEFAULT_RETRY_POLICY,
  parseRetryAfter,
  retryDelay,
} from "../../src/coupa/retry-policy.js";

describe("retry policy", () => {
  it("retries throttling and gateway statuses but never client errors", () => {
    expect(DEFAULT_RETRY_POLICY.statuses).toEqual([429, 502, 503, 504]);
    for (const status of [400, 401, 403, 404, 500]) {
      expect(DEFAULT_RETRY_POLICY.statuses).not.toContain(status);
    }
    expect(DEFAULT_RETRY_POLICY.kinds).toEqual(["reset", "timeout", "connect"]);
  });

  it("draws the delay from zero up to a ceiling that doubles per attempt", () => {
    const policy = DEFAULT_RETRY_POLICY;
    expect(retryDelay(policy, 1, () => 0.999)).toBe(499);
    expect(retryDelay(policy, 3, () => 0.5)).toBe(1000);
    expect(retryDelay(policy, 3, () => 0)).toBe(0);
    expect(retryDelay(policy, 20, () => 0.999)).toBe(29_970);
  });

  it("waits at least as long as Retry-After says", () => {
    expect(retryDelay(DEFAULT_RETRY_POLICY, 1, () => 0, 4000)).toBe(4000);
  });

  it("stops after the attempt count or the time budget", () => {
    const policy = DEFAULT_RETRY_POLICY;
    expect(canRetry(policy, 7, 0, 100)).toBe(true);
    expect(canRetry(policy, 8, 0, 100)).toBe(false);
    expect(canRetry(policy, 2, 299_950, 100)).toBe(false);
  });

  it("reads Retry-After in seconds or as an HTTP date", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(parseRetryAfter("2", now)).toBe(2000);
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:00:05 GMT", now)).toBe(5000);
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter("soon", now)).toBeUndefined();
  });
});
