import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/connection/config-error.js";
import { parseConnectionConfig } from "../../src/connection/parse-connection-config.js";

const secret = "cs-4f9a7d2e81b3c6a0-9f2c";
const valid = {
  name: "acme production",
  host: "acme",
  auth: { type: "oauth", clientId: "etl-reader", clientSecret: secret },
};

function issuesOf(input: unknown): ConfigError {
  try {
    parseConnectionConfig(input);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("parseConnectionConfig", () => {
  it("fills defaults, normalizes the host and freezes the result", () => {
    const config = parseConnectionConfig(valid);
    expect(config).toEqual({
      name: "acme production",
      mode: "direct",
      host: "https://acme.coupahost.com",
      auth: { type: "oauth", clientId: "etl-reader", clientSecret: secret },
      apiVersion: "R39",
      requestsPerSecond: 25,
      burst: 20,
      maxParallelRequests: 32,
      requestTimeoutMs: 60_000,
      allowInsecureHttp: false,
    });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.auth)).toBe(true);
  });

  it("reports every invalid field at once with its value and what is allowed", () => {
    const error = issuesOf({
      name: "",
      host: "ftp://acme",
      colour: "blue",
      auth: { type: "oauth", clientId: "", clientSecret: 42 },
      apiVersion: "R12",
      requestsPerSecond: -1,
      burst: 2.5,
      sourceAddress: "10.0.0",
      cluster: "mars-1",
    });
    expect(error.code).toBe("CONFIG_INVALID");
    expect(error.retryable).toBe(false);
    expect(error.issues.map((i) => [i.path, i.value])).toEqual([
      ["name", '""'],
      ["host", '"ftp://acme"'],
      ["auth.clientId", '""'],
      ["auth.clientSecret", "••••"],
      ["apiVersion", '"R12"'],
      ["sourceAddress", '"10.0.0"'],
      ["requestsPerSecond", "-1"],
      ["burst", "2.5"],
      ["colour", "(unknown key)"],
      ["cluster", '"mars-1"'],
    ]);
    expect(error.message).toContain(
      "The connection config has 10 problems; fix them and retry:",
    );
    expect(error.message).toContain(
      '  - apiVersion: "R12": expected a Coupa release the product knows: R39',
    );
    expect(error.message).toContain(
      "  - requestsPerSecond: -1: expected a number greater than 0",
    );
    expect(error.message).toContain(
      '  - cluster: "mars-1": unknown cluster; known clusters: au-1, eu-1, eu-2, us-1, us-2',
    );
    expect(error.message).toContain(
      "  - colour: (unknown key): not a known setting; allowed keys: name, mode,",
    );
  });

  it("names missing required fields", () => {
    const error = issuesOf({ name: "x" });
    expect(error.issues.map((i) => `${i.path} ${i.value}`)).toEqual([
      "host (missing)",
      "auth (missing)",
    ]);
  });

  it("masks a secret that is the wrong type or too short", () => {
    const error = issuesOf({
      ...valid,
      auth: { type: "oauth", clientId: "x", clientSecret: "" },
    });
    expect(error.message).toContain("auth.clientSecret: ••••:");
  });

  it("refuses plain http to a non-loopback host unless allowed", () => {
    const error = issuesOf({ ...valid, host: "http://acme.coupahost.com" });
    expect(error.issues[0]?.message).toMatch(
      /^http:\/\/ is only accepted for loopback addresses/,
    );
    const config = parseConnectionConfig({
      ...valid,
      host: "http://acme.coupahost.com",
      allowInsecureHttp: true,
    });
    expect(config.host).toBe("http://acme.coupahost.com");
  });

  it("refuses an API key at the current release and says to create an OAuth client", () => {
    const error = issuesOf({
      ...valid,
      auth: { type: "apiKey", key: "a".repeat(40) },
    });
    expect(error.issues).toEqual([
      {
        path: "auth.type",
        value: '"apiKey"',
        message:
          "API keys are not supported by Coupa R39 (removed in R35). Create " +
          "an OAuth client with the client credentials grant under Setup > " +
          "Integrations > OAuth2/OpenID Connect Clients and configure auth: " +
          '{ type: "oauth", clientId, clientSecret }',
      },
    ]);
    expect(error.message).not.toContain("a".repeat(40));
  });

  it("asks for the agent of an uplinked connection", () => {
    const error = issuesOf({ ...valid, mode: "uplinked" });
    expect(error.issues.map((i) => i.path)).toEqual(["agent"]);
    const config = parseConnectionConfig({
      ...valid,
      mode: "uplinked",
      agent: "plant-7",
    });
    expect(config.agent).toBe("plant-7");
  });

  it("defaults the scopes to what the tables need", () => {
    const config = parseConnectionConfig(valid, {
      tables: ["invoices", "purchase_orders", "remit_to_addresses"],
    });
    expect(config.auth).toMatchObject({
      scopes: [
        "core.invoice.read",
        "core.purchase_order.read",
        "core.supplier.read",
      ],
    });
  });

  it("keeps scopes given in the config", () => {
    const config = parseConnectionConfig(
      { ...valid, auth: { ...valid.auth, scopes: ["core.invoice.read"] } },
      { tables: ["invoices", "users"] },
    );
    expect(config.auth).toMatchObject({ scopes: ["core.invoice.read"] });
  });

  it("checks the cluster against the clusters in force", () => {
    const config = parseConnectionConfig(
      { ...valid, cluster: "ch-1" },
      { clusters: { "ch-1": ["192.0.2.1"] } },
    );
    expect(config.cluster).toBe("ch-1");
  });
});
