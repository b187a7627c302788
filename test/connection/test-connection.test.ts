import { createServer, type Server } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectionConfigSchema } from "../../src/connection/connection-config-schema.js";
import { testConnection } from "../../src/connection/test-connection.js";
import type { RunningSimulator } from "../../src/simulator/start-simulator.js";
import { connectionTo, simulator } from "../coupa/simulator-fixture.js";

const tables = ["invoices", "suppliers", "remit_to_addresses"];
let sim: RunningSimulator;

beforeAll(async () => {
  sim = await simulator({ rateLimit: false });
});

afterAll(async () => {
  await sim.close();
});

function summary(report: Awaited<ReturnType<typeof testConnection>>) {
  return report.checks.map((c) => `${c.status} ${c.name}`);
}

describe("testConnection", () => {
  it("passes every check against a healthy tenant", async () => {
    const report = await testConnection(connectionTo(sim), { tables });
    expect(summary(report)).toEqual([
      "pass dns",
      "pass tcp",
      "skip tls",
      "pass auth",
      "pass table:invoices",
      "pass table:suppliers",
      "pass table:remit_to_addresses",
    ]);
    expect(report.ok).toBe(true);
    expect(report.checks[2]?.detail).toBe(
      "plain http to a loopback address (simulator)",
    );
    expect(report.checks[4]?.detail).toBe(
      "GET /api/invoices answered (1 record read) with scope core.invoice.read",
    );
    expect(report.checks[6]?.detail).toMatch(
      /^GET \/api\/suppliers\/\d+\/addresses answered/,
    );
  });

  it("fails the token check with the fix for a wrong secret and skips the tables", async () => {
    const config = connectionTo(sim, {
      auth: {
        type: "oauth",
        clientId: sim.clientId,
        clientSecret: "not-the-secret-4711",
      },
    });
    const report = await testConnection(config, { tables: ["invoices"] });
    expect(report.ok).toBe(false);
    expect(summary(report)).toEqual([
      "pass dns",
      "pass tcp",
      "skip tls",
      "fail auth",
      "skip table:invoices",
    ]);
    const auth = report.checks[3];
    expect(auth?.fix).toBe(
      "Check auth.clientId and auth.clientSecret against the client's " +
        "Identifier and Secret under Setup > Integrations > OAuth2/OpenID " +
        "Connect Clients.",
    );
    expect(report.checks[4]?.detail).toBe("skipped: the auth check failed");
    expect(JSON.stringify(report)).not.toContain("not-the-secret-4711");
  });

  it("names the scope to add for a table the client cannot read", async () => {
    const limited = sim.admin.createClient({
      clientId: "invoice-reader",
      clientSecret: "invoice-reader-secret-5d1a",
      scopes: ["core.invoice.read"],
    });
    const config = connectionTo(sim, {
      auth: {
        type: "oauth",
        clientId: limited.clientId,
        clientSecret: limited.clientSecret,
      },
    });
    const report = await testConnection(config, {
      tables: ["suppliers", "invoices"],
    });
    expect(summary(report)).toEqual([
      "pass dns",
      "pass tcp",
      "skip tls",
      "pass auth",
      "fail table:suppliers",
      "pass table:invoices",
    ]);
    expect(report.checks[4]?.fix).toBe(
      "Add scope core.supplier.read to the OAuth client under Setup > " +
        "Integrations > OAuth2/OpenID Connect Clients.",
    );
  });

  it("names the address to allowlist when the tenant denies ours", async () => {
    sim.admin.setSwitches({ ipAllowlist: ["127.0.0.2"] });
    try {
      const config = connectionTo(sim, {
        sourceAddress: "127.0.0.3",
        cluster: "us-1",
      });
      const report = await testConnection(config, { tables: ["invoices"] });
      expect(summary(report)).toEqual([
        "pass dns",
        "pass tcp",
        "skip tls",
        "fail auth",
        "skip table:invoices",
      ]);
      expect(report.checks[1]?.detail).toMatch(/from 127\.0\.0\.3$/);
      expect(report.checks[3]?.fix).toBe(
        "Allowlist 127.0.0.3, 198.51.100.10, 198.51.100.11 for the Coupa " +
          "instance (see `coupa-extractor allowlist`).",
      );
    } finally {
      sim.admin.setSwitches({ ipAllowlist: [] });
    }
  });

  it("stops at the TCP check when nothing listens on the port", async () => {
    const port = await closedPort();
    const config = connectionConfigSchema.parse({
      name: "nowhere",
      host: `http://127.0.0.1:${port}`,
      auth: { type: "oauth", clientId: "x", clientSecret: "y" },
    });
    const report = await testConnection(config, { tables: ["invoices"] });
    expect(summary(report)).toEqual([
      "pass dns",
      "fail tcp",
      "skip auth",
      "skip table:invoices",
    ]);
    expect(report.checks[1]?.detail).toBe(
      `127.0.0.1:${port} refused the connection (ECONNREFUSED)`,
    );
    expect(report.checks[1]?.fix).toBe(
      "Check host and port, that firewalls and proxies let this machine " +
        "reach it.",
    );
  });

  it("fails the DNS check for a host that does not resolve", async () => {
    const config = connectionConfigSchema.parse({
      name: "typo",
      host: "acme.coupahost.example",
      auth: { type: "oauth", clientId: "x", clientSecret: "y" },
    });
    const report = await testConnection(config, {
      tables: [],
      lookup: async () => {
        throw Object.assign(new Error("not found"), { code: "ENOTFOUND" });
      },
    });
    expect(report.checks).toEqual([
      {
        name: "dns",
        status: "fail",
        detail: "acme.coupahost.example does not resolve (ENOTFOUND)",
        fix:
          "Check host: a tenant name like acme means acme.coupahost.com; " +
          "test instances have their own host names.",
      },
      { name: "auth", status: "skip", detail: "skipped: the dns check failed" },
    ]);
  });
});

async function closedPort(): Promise<number> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === "object" && address ? address.port : 9;
}
