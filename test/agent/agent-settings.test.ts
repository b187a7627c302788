import { describe, expect, it } from "vitest";
import { agentServerUrl } from "../../src/agent/agent-server-url.js";
import { HostAllowlist } from "../../src/agent/host-allowlist.js";
import { proxyFor } from "../../src/agent/proxy-for.js";
import { ReconnectBackoff } from "../../src/agent/reconnect-backoff.js";

describe("HostAllowlist", () => {
  const allowlist = new HostAllowlist([
    "acme.coupahost.com",
    "*.coupacloud.com",
    "https://proxy.acme.example:8443",
    "127.0.0.1:9000",
  ]);

  it.each([
    ["https://acme.coupahost.com/api/invoices?limit=50", true],
    ["http://ACME.coupahost.com:8080/oauth2/token", true],
    ["https://other.coupahost.com/api/invoices", false],
    ["https://acme.coupahost.com.evil.example/api", false],
    ["https://demo.coupacloud.com/api/users", true],
    ["https://coupacloud.com/api/users", false],
    ["https://proxy.acme.example:8443/api/invoices", true],
    ["http://proxy.acme.example:8443/api/invoices", false],
    ["https://proxy.acme.example/api/invoices", false],
    ["http://127.0.0.1:9000/api", true],
    ["http://127.0.0.1:9001/api", false],
    ["ftp://acme.coupahost.com/x", false],
    ["not a url", false],
  ])("decides %s: %s", (url, allowed) => {
    expect(allowlist.allows(url)).toBe(allowed);
  });

  it("reads an allowlist file with comments and blank lines", () => {
    const entries = HostAllowlist.parseFile(
      "# Coupa production\nacme.coupahost.com\n\n  acme-test.coupahost.com # sandbox\r\n",
    );
    expect(entries).toEqual(["acme.coupahost.com", "acme-test.coupahost.com"]);
  });

  it("names a bad entry and the accepted forms", () => {
    expect(() => new HostAllowlist(["https://acme.coupahost.com/api"])).toThrow(
      'Agent allowlist entry "https://acme.coupahost.com/api" is not a host ' +
        "name or an origin. Use a host name (acme.coupahost.com), a wildcard " +
        "(*.coupahost.com) or an origin (https://acme.coupahost.com).",
    );
    expect(() => new HostAllowlist(["acme coupahost"])).toThrow(
      'entry "acme coupahost"',
    );
  });
});

describe("agentServerUrl", () => {
  it.each([
    [
      "https://extractor.example.com",
      "wss://extractor.example.com/api/agents/connect",
    ],
    ["http://127.0.0.1:8080/", "ws://127.0.0.1:8080/api/agents/connect"],
    ["wss://svc.example.com/custom/path", "wss://svc.example.com/custom/path"],
  ])("turns %s into %s", (input, expected) => {
    expect(agentServerUrl(input).href).toBe(expected);
  });

  it("refuses other schemes and credentials with the accepted forms", () => {
    expect(() => agentServerUrl("ftp://svc")).toThrow(
      'Server URL "ftp://svc" is not a service address. Use the address of ' +
        "the service, e.g. https://extractor.example.com",
    );
    expect(() => agentServerUrl("https://u:p@svc")).toThrow("not a service");
    expect(() => agentServerUrl("svc.example.com")).toThrow("not a service");
  });

  it("refuses an unencrypted address other than this machine's", () => {
    expect(() => agentServerUrl("http://svc.example.com")).toThrow(
      'Server URL "http://svc.example.com" is not encrypted, so the agent ' +
        "token would travel in clear text. Use https:// (or wss://)",
    );
    expect(agentServerUrl("ws://localhost:9000").href).toBe(
      "ws://localhost:9000/api/agents/connect",
    );
  });
});

describe("proxyFor", () => {
  const target = new URL("wss://extractor.example.com/api/agents/connect");

  it("uses HTTPS_PROXY or https_proxy", () => {
    expect(proxyFor(target, { HTTPS_PROXY: "http://proxy:3128" })).toBe(
      "http://proxy:3128",
    );
    expect(proxyFor(target, { https_proxy: "http://p2:3128" })).toBe(
      "http://p2:3128",
    );
    expect(proxyFor(target, {})).toBeUndefined();
  });

  it.each([
    ["*", undefined],
    ["example.com", undefined],
    [".example.com", undefined],
    ["extractor.example.com:443", undefined],
    ["extractor.example.com:8443", "http://proxy:3128"],
    ["other.com, ample.com", "http://proxy:3128"],
  ])("with NO_PROXY=%s uses %s", (noProxy, expected) => {
    expect(
      proxyFor(target, { HTTPS_PROXY: "http://proxy:3128", NO_PROXY: noProxy }),
    ).toBe(expected);
  });
});

describe("ReconnectBackoff", () => {
  it("doubles up to the ceiling, jittered between half and all of a step, and resets", () => {
    const draws = [0, 0.999, 0.5, 0, 0, 0];
    const backoff = new ReconnectBackoff({
      initialMs: 100,
      maxMs: 400,
      random: () => draws.shift() ?? 0,
    });

    const delays = [backoff.next(), backoff.next(), backoff.next()];
    const capped = [backoff.next(), backoff.next()];
    backoff.reset();

    expect(delays).toEqual([50, 200, 300]);
    expect(capped).toEqual([200, 200]);
    expect(backoff.next()).toBe(50);
  });
});
