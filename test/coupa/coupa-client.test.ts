import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { connectionConfigSchema } from "../../src/connection/connection-config-schema.js";
import { CoupaClient } from "../../src/coupa/coupa-client.js";
import { AuthenticationError } from "../../src/coupa/errors/authentication-error.js";
import { ConnectionRefusedError } from "../../src/coupa/errors/connection-refused-error.js";
import { IpNotAllowlistedError } from "../../src/coupa/errors/ip-not-allowlisted-error.js";
import { ScopeMissingError } from "../../src/coupa/errors/scope-missing-error.js";
import { TimeoutError } from "../../src/coupa/errors/timeout-error.js";
import { RateLimiter } from "../../src/coupa/rate-limiter.js";
import { DEFAULT_RETRY_POLICY } from "../../src/coupa/retry-policy.js";
import type { RunningSimulator } from "../../src/simulator/start-simulator.js";
import {
  connectionTo,
  LogCapture,
  logged,
  ShiftedClock,
  simulator,
  tokenRequests,
} from "./simulator-fixture.js";

const capture = new LogCapture();
const secrets: string[] = [];
const errorMessages: string[] = [];
const clients: CoupaClient[] = [];
let sim: RunningSimulator;
let tenantClock: ShiftedClock;

function client(
  options: Partial<ConstructorParameters<typeof CoupaClient>[0]> = {},
): CoupaClient {
  const created = new CoupaClient({
    connection: connectionTo(sim),
    logger: capture.logger(),
    rateLimiter: new RateLimiter({ requestsPerSecond: 200, burst: 50 }),
    ...options,
  });
  clients.push(created);
  return created;
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => new Error("expected a failure"),
    (e: unknown) => e as Error,
  );
  errorMessages.push(error.message);
  return error;
}

const list = (id = 1) =>
  [
    ["id[gt_or_eq]", String(id)],
    ["limit", "1"],
    ["fields", '["id"]'],
  ] as const;

beforeAll(async () => {
  tenantClock = new ShiftedClock();
  sim = await simulator({ rateLimit: false, clock: tenantClock });
  secrets.push(sim.clientSecret);
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  sim.admin.setSwitches({
    rateLimit: false,
    rps: 25,
    burst: 20,
    retryAfter: false,
    emptyJson404: false,
    fault5xxRate: 0,
    faultResetRate: 0,
    faultTruncateRate: 0,
    faultMalformedRate: 0,
    faultHangRate: 0,
    ipAllowlist: [],
    tokenLifetimeSeconds: 86399,
    clockSkewSeconds: 0,
  });
  tenantClock.offsetMs = 0;
  sim.admin.clearRequestLog();
});

afterAll(async () => {
  await sim.close();
});

describe("CoupaClient against the simulator", () => {
  it("reads a page with Coupa's server date and records the request", async () => {
    const coupa = client();
    const page = await coupa.getPage("/api/invoices", list());
    expect(page.records).toEqual([{ id: 1 }]);
    expect(page.serverDate).toBeInstanceOf(Date);
    expect(page.bytes).toBe(JSON.stringify([{ id: 1 }]).length);
    expect(coupa.stats()).toMatchObject({ requests: 2, errors: 0 });
  });

  it("reads Coupa's clock from the token answer before any API request", async () => {
    sim.admin.setSwitches({ clockSkewSeconds: 3600 });
    const coupa = client();
    expect(coupa.coupaNow()).toBeNull();
    await coupa.authenticate();
    expect(logged(sim, (e) => e.path.startsWith("/api"))).toBe(0);
    const ahead = (coupa.coupaNow()?.getTime() ?? 0) - Date.now();
    // The Date header counts whole seconds: up to one behind, never ahead.
    expect(ahead).toBeGreaterThan(3_598_000);
    expect(ahead).toBeLessThanOrEqual(3_600_000);
    sim.admin.setSwitches({ clockSkewSeconds: 0 });
  });

  it("treats an empty list as no records, also when answered 404 []", async () => {
    const coupa = client();
    const none = [["id", "999999"]] as const;
    expect((await coupa.getPage("/api/invoices", none)).records).toEqual([]);
    sim.admin.setSwitches({ emptyJson404: true });
    expect((await coupa.getPage("/api/invoices", none)).records).toEqual([]);
    sim.admin.setSwitches({ emptyJson404: false });
  });

  it("returns null for a record that does not exist", async () => {
    const coupa = client();
    expect(await coupa.getRecord("/api/invoices", 999_999)).toBeNull();
    const record = await coupa.getRecord("/api/invoices", 2);
    expect(record?.id).toBe(2);
  });

  it("requests exactly one token for 50 concurrent requests", async () => {
    const coupa = client();
    const pages = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        coupa.getPage("/api/invoices", list(i + 1)),
      ),
    );
    expect(pages.every((p) => p.records.length === 1)).toBe(true);
    expect(tokenRequests(sim)).toBe(1);
    expect(logged(sim, (e) => e.path === "/api/invoices")).toBe(50);
  });

  it("renews the token before Coupa expires it", async () => {
    const clock = new ShiftedClock();
    const coupa = client({ clock });
    await coupa.getPage("/api/invoices", list());
    clock.offsetMs = 19 * 3600_000;
    tenantClock.offsetMs = 19 * 3600_000;
    await coupa.getPage("/api/invoices", list());
    expect(tokenRequests(sim)).toBe(1);
    clock.offsetMs = 21 * 3600_000;
    tenantClock.offsetMs = 21 * 3600_000;
    await coupa.getPage("/api/invoices", list());
    expect(tokenRequests(sim)).toBe(2);
    expect(logged(sim, (e) => e.status === 401)).toBe(0);
  });

  it("renews a short-lived token at five sixths of its lifetime", async () => {
    sim.admin.setSwitches({ tokenLifetimeSeconds: 600 });
    const clock = new ShiftedClock();
    const coupa = client({ clock });
    await coupa.getPage("/api/invoices", list());
    clock.offsetMs = 499_000;
    await coupa.getPage("/api/invoices", list());
    expect(tokenRequests(sim)).toBe(1);
    clock.offsetMs = 501_000;
    await coupa.getPage("/api/invoices", list());
    expect(tokenRequests(sim)).toBe(2);
  });

  it("mints a new token once when Coupa refuses the current one mid-run", async () => {
    const coupa = client({ tokenSettleMs: 0 });
    await coupa.getPage("/api/invoices", list());
    tenantClock.offsetMs = 25 * 3600_000;
    const pages = await Promise.all(
      Array.from({ length: 10 }, () => coupa.getPage("/api/invoices", list())),
    );
    expect(pages.every((p) => p.records.length === 1)).toBe(true);
    expect(tokenRequests(sim)).toBe(2);
    expect(coupa.stats().retries).toBe(logged(sim, (e) => e.status === 401));
  });

  it("retries a refused token that is younger than the settle time before minting again", async () => {
    const coupa = client({ tokenSettleMs: 300 });
    await coupa.getPage("/api/invoices", list());
    tenantClock.offsetMs = 25 * 3600_000;
    await coupa.getPage("/api/invoices", list());
    expect(tokenRequests(sim)).toBe(2);
    expect(logged(sim, (e) => e.status === 401)).toBe(2);
  });

  it("names the scope the OAuth client lacks", async () => {
    const limited = sim.admin.createClient({
      clientId: "invoices-only",
      clientSecret: "invoices-only-secret-7c1e",
      scopes: ["core.invoice.read"],
    });
    secrets.push(limited.clientSecret);
    const coupa = client({
      connection: connectionTo(sim, {
        auth: {
          type: "oauth",
          clientId: limited.clientId,
          clientSecret: limited.clientSecret,
        },
      }),
    });
    const error = await failure(coupa.getPage("/api/suppliers", list()));
    expect(error).toBeInstanceOf(ScopeMissingError);
    expect(error.message).toBe(
      `Coupa answered 403 for GET ${sim.baseUrl}/api/suppliers?id%5Bgt_or_eq%5D=1&limit=1&fields=%5B%22id%22%5D: ` +
        "the OAuth client lacks scope core.supplier.read. Add it to the " +
        "client under Setup > Integrations > OAuth2/OpenID Connect Clients, " +
        "and to auth.scopes if you list scopes in the config.",
    );
    expect((error as ScopeMissingError).scopes).toEqual(["core.supplier.read"]);
  });

  it("names a requested scope the token endpoint refuses", async () => {
    const limited = sim.admin.createClient({
      clientId: "invoices-only-2",
      clientSecret: "invoices-only-secret-2-8d2f",
      scopes: ["core.invoice.read"],
    });
    secrets.push(limited.clientSecret);
    const coupa = client({
      connection: connectionTo(sim, {
        auth: {
          type: "oauth",
          clientId: limited.clientId,
          clientSecret: limited.clientSecret,
          scopes: ["core.invoice.read", "core.supplier.read"],
        },
      }),
    });
    const error = await failure(coupa.getPage("/api/invoices", list()));
    expect(error).toBeInstanceOf(ScopeMissingError);
    expect((error as ScopeMissingError).scopes).toEqual(["core.supplier.read"]);
    expect(error.message).toContain(`POST ${sim.baseUrl}/oauth2/token`);
  });

  it("says to check the client id and secret when the secret is wrong", async () => {
    const wrong = "wrong-secret-0123456789-abcd";
    secrets.push(wrong);
    const coupa = client({
      connection: connectionTo(sim, {
        auth: { type: "oauth", clientId: sim.clientId, clientSecret: wrong },
      }),
    });
    const error = await failure(coupa.getPage("/api/invoices", list()));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).code).toBe("AUTH_FAILED");
    expect(error.message).toBe(
      `Coupa refused the OAuth client credentials (401) for POST ${sim.baseUrl}/oauth2/token. ` +
        "Check auth.clientId and auth.clientSecret against the client's " +
        "Identifier and Secret under Setup > Integrations > OAuth2/OpenID " +
        "Connect Clients, and that the client is active and uses the " +
        "client credentials grant.",
    );
    expect(tokenRequests(sim)).toBe(1);
  });

  it("names the denied source address, and succeeds from an allowed one", async () => {
    sim.admin.setSwitches({ ipAllowlist: ["127.0.0.2"] });
    const denied = client({
      connection: connectionTo(sim, {
        sourceAddress: "127.0.0.3",
        cluster: "eu-1",
      }),
    });
    const error = await failure(denied.getPage("/api/invoices", list()));
    expect(error).toBeInstanceOf(IpNotAllowlistedError);
    expect(error.message).toBe(
      `Coupa denied access for POST ${sim.baseUrl}/oauth2/token (403 access ` +
        "denied page): requests from source address 127.0.0.3 are not " +
        "allowlisted. Ask the Coupa administrator to allowlist 127.0.0.3, " +
        "203.0.113.10, 203.0.113.11 (see `coupa-extractor allowlist`).",
    );
    const allowed = client({
      connection: connectionTo(sim, { sourceAddress: "127.0.0.2" }),
    });
    const page = await allowed.getPage("/api/invoices", list());
    expect(page.records).toHaveLength(1);
  });

  it("retries 5xx answers, resets and broken bodies until every request succeeds", async () => {
    sim.admin.setSwitches({
      fault5xxRate: 0.1,
      faultResetRate: 0.05,
      faultTruncateRate: 0.03,
      faultMalformedRate: 0.03,
    });
    const coupa = client({ random: () => 0 });
    const pages = await Promise.all(
      Array.from({ length: 150 }, (_, i) =>
        coupa.getPage("/api/invoices", list(i + 1)),
      ),
    );
    const ids = [...sim.admin.groundTruth("invoices")].map(
      (r) => r.id as number,
    );
    expect(pages.map((p) => p.records[0]?.id)).toEqual(
      Array.from({ length: 150 }, (_, i) => ids.find((id) => id >= i + 1)),
    );
    const faulted = logged(sim, (e) => e.path === "/api/invoices") - 150;
    expect(faulted).toBeGreaterThan(10);
    expect(coupa.stats().retries).toBe(faulted);
    expect(coupa.stats().errors).toBe(0);
  });

  it("slows down when throttled and waits as long as Retry-After says", async () => {
    sim.admin.setSwitches({
      rateLimit: true,
      rps: 4,
      burst: 2,
      retryAfter: true,
    });
    const limiter = new RateLimiter({ requestsPerSecond: 100, burst: 20 });
    const coupa = client({ rateLimiter: limiter, random: () => 0 });
    await coupa.authenticate();
    const pages = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        coupa.getPage("/api/invoices", list(i + 1)),
      ),
    );
    expect(pages.every((p) => p.records.length === 1)).toBe(true);
    const throttled = logged(sim, (e) => e.status === 429);
    expect(throttled).toBeGreaterThan(0);
    expect(coupa.stats().throttled).toBe(throttled);
    expect(coupa.stats().retries).toBe(throttled);
    expect(limiter.state().decreases).toBeGreaterThan(0);
    expect(limiter.state().requestsPerSecond).toBeLessThan(100);
  });

  it("gives up on a hanging Coupa with a timeout that says what to do", async () => {
    const coupa = client({
      connection: connectionTo(sim, { requestTimeoutMs: 1000 }),
      retryPolicy: { ...DEFAULT_RETRY_POLICY, maxAttempts: 2 },
      random: () => 0,
    });
    await coupa.authenticate();
    sim.admin.setSwitches({ faultHangRate: 1 });
    const error = await failure(coupa.getPage("/api/invoices", list()));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.message).toMatch(
      /^Coupa did not answer GET .* within 1000 ms \(2 attempts\)\. Try again later or raise requestTimeoutMs/,
    );
  });

  it("reports a closed port as a refused connection after retrying", async () => {
    const coupa = client({
      connection: connectionTo(sim, { host: "http://127.0.0.1:9" }),
      random: () => 0,
    });
    const error = await failure(coupa.getPage("/api/invoices", list()));
    expect(error).toBeInstanceOf(ConnectionRefusedError);
    expect(error.message).toMatch(
      /^Could not connect for POST http:\/\/127\.0\.0\.1:9\/oauth2\/token: .*ECONNREFUSED/,
    );
    expect(coupa.stats().retries).toBe(DEFAULT_RETRY_POLICY.maxAttempts - 1);
  });

  it("sends a legacy API key in its header", async () => {
    const key = sim.admin.createApiKey({ login: "etl", email: "etl@x.test" });
    secrets.push(key.key);
    const connection = Object.freeze({
      ...connectionTo(sim),
      apiVersion: "R34",
      auth: Object.freeze({ type: "apiKey" as const, key: key.key }),
    });
    const coupa = client({ connection });
    const page = await coupa.getPage("/api/invoices", list());
    expect(page.records).toHaveLength(1);
    expect(tokenRequests(sim)).toBe(0);
    expect(capture.text).toContain("Coupa is retiring API keys");
  });

  it("never writes a secret or token into logs or error messages", () => {
    expect(capture.lines.length).toBeGreaterThan(100);
    const everything = `${capture.text}\n${errorMessages.join("\n")}`;
    for (const secret of secrets) expect(everything).not.toContain(secret);
    expect(everything).not.toMatch(/Bearer\s+\S/);
    expect(everything).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}/);
  });
});

describe("CoupaClient at Coupa's rate limit", () => {
  it("sends 200 requests at the default limits without one 429", async () => {
    const limited = await simulator({});
    try {
      const connection = connectionConfigSchema.parse({
        name: "limited",
        host: limited.baseUrl,
        auth: {
          type: "oauth",
          clientId: limited.clientId,
          clientSecret: limited.clientSecret,
        },
      });
      const coupa = new CoupaClient({
        connection,
        rateLimiter: new RateLimiter({
          requestsPerSecond: connection.requestsPerSecond,
          burst: connection.burst,
        }),
      });
      await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          coupa.getPage("/api/invoices", list(i + 1)),
        ),
      );
      await coupa.close();
      expect(logged(limited, (e) => e.path === "/api/invoices")).toBe(200);
      expect(logged(limited, (e) => e.status === 429)).toBe(0);
      expect(coupa.stats().throttled).toBe(0);
    } finally {
      await limited.close();
    }
  });
});
