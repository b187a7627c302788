import { Agent } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "../../src/simulator/simulator-clock.js";
import {
  type RunningSimulator,
  startSimulator,
} from "../../src/simulator/start-simulator.js";
import { apiJson, http, mintToken } from "./sim-http.js";

let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ size: 30, seed: 3, rateLimit: false });
});
afterAll(async () => {
  await sim?.close();
});

function tokenRequest(body: Record<string, string>, headers = {}) {
  return http(`${sim.baseUrl}/oauth2/token`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      ...headers,
    },
    body: new URLSearchParams(body).toString(),
  });
}

describe("OAuth token endpoint", () => {
  it("mints a JWT-shaped bearer token from form-body credentials", async () => {
    const answer = await tokenRequest({
      grant_type: "client_credentials",
      client_id: sim.clientId,
      client_secret: sim.clientSecret,
      scope: "core.invoice.read",
    });
    expect(answer.status).toBe(200);
    const body = answer.json<Record<string, unknown>>();
    expect(body.token_type).toBe("bearer");
    expect(body.expires_in).toBe(86399);
    expect(String(body.access_token).split(".")).toHaveLength(3);
  });

  it("accepts HTTP Basic credentials on /oauth2/access_tokens", async () => {
    const basic = Buffer.from(`${sim.clientId}:${sim.clientSecret}`).toString(
      "base64",
    );
    const answer = await http(`${sim.baseUrl}/oauth2/access_tokens`, {
      method: "POST",
      headers: {
        authorization: `Basic ${basic}`,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: "grant_type=client_credentials",
    });
    expect(answer.status).toBe(200);
    const token = answer.json<{ access_token: string }>().access_token;
    expect((await apiJson(sim, token, "/api/invoices?limit=1")).status).toBe(
      200,
    );
  });

  it("refuses a wrong secret with 401 invalid_client and never echoes it", async () => {
    const answer = await tokenRequest({
      grant_type: "client_credentials",
      client_id: sim.clientId,
      client_secret: "wrong-secret-value",
    });
    expect(answer.status).toBe(401);
    expect(answer.json<{ error: string }>().error).toBe("invalid_client");
    expect(answer.text).not.toContain("wrong-secret-value");
  });

  it("refuses an unknown client with 401 invalid_client", async () => {
    const answer = await tokenRequest({
      grant_type: "client_credentials",
      client_id: "nobody",
      client_secret: "x",
    });
    expect(answer.status).toBe(401);
    expect(answer.json<{ error: string }>().error).toBe("invalid_client");
  });

  it("answers 400 invalid_scope for a scope the client does not hold", async () => {
    const client = sim.admin.createClient({ scopes: ["core.invoice.read"] });
    const answer = await tokenRequest({
      grant_type: "client_credentials",
      client_id: client.clientId,
      client_secret: client.clientSecret,
      scope: "core.invoice.read core.user.read",
    });
    expect(answer.status).toBe(400);
    const body = answer.json<{ error: string; error_description: string }>();
    expect(body.error).toBe("invalid_scope");
    expect(body.error_description).toContain("core.user.read");
  });

  it("gives every scope of the client when none is requested", async () => {
    const client = sim.admin.createClient({
      scopes: ["core.invoice.read", "core.supplier.read"],
    });
    const token = await mintToken(sim, {
      client_id: client.clientId,
      client_secret: client.clientSecret,
    });
    expect((await apiJson(sim, token, "/api/invoices")).status).toBe(200);
    expect((await apiJson(sim, token, "/api/suppliers")).status).toBe(200);
    expect((await apiJson(sim, token, "/api/users")).status).toBe(403);
  });
});

describe("bearer tokens on the API", () => {
  it("answers 401 without credentials", async () => {
    const answer = await http(`${sim.baseUrl}/api/invoices`, {
      headers: { accept: "application/json" },
    });
    expect(answer.status).toBe(401);
  });

  it("answers 401 for a tampered token", async () => {
    const token = await mintToken(sim);
    const tampered = `${token.slice(0, -4)}AAAA`;
    expect((await apiJson(sim, tampered, "/api/invoices")).status).toBe(401);
    expect((await apiJson(sim, "not-a-jwt", "/api/invoices")).status).toBe(401);
  });

  it("answers 403 naming the scope the token lacks", async () => {
    const token = await mintToken(sim, { scope: "core.supplier.read" });
    const answer = await apiJson(sim, token, "/api/invoices");
    expect(answer.status).toBe(403);
    expect(answer.json<{ scope: string }>().scope).toBe("core.invoice.read");
    expect(answer.text).toContain("core.invoice.read");
    expect((await apiJson(sim, token, "/api/suppliers")).status).toBe(200);
  });

  it("answers 401 once the token has expired by the tenant clock", async () => {
    let now = Date.parse("2026-01-01T00:00:00Z");
    const clock = { now: () => now, sleep: systemClock.sleep };
    const timed = await startSimulator({
      size: 10,
      rateLimit: false,
      clock,
      tokenLifetimeSeconds: 60,
    });
    try {
      const token = await mintToken(timed);
      expect((await apiJson(timed, token, "/api/invoices")).status).toBe(200);
      now += 61_000;
      const answer = await apiJson(timed, token, "/api/invoices");
      expect(answer.status).toBe(401);
      expect(answer.text).toContain("expired");
    } finally {
      await timed.close();
    }
  });
});

describe("legacy API keys", () => {
  const get = (key: string, path = "/api/invoices?limit=1", agent?: Agent) =>
    http(`${sim.baseUrl}${path}`, {
      headers: { "x-coupa-api-key": key, accept: "application/json" },
      ...(agent ? { dispatcher: agent } : {}),
    });

  it("creates a key over the admin API and accepts it", async () => {
    const created = await http(`${sim.adminUrl}/api-keys`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${sim.adminToken}`,
        "content-type": "application/json",
      },
      body: JSON.stringify({ login: "etl", email: "etl@example.test" }),
    });
    expect(created.status).toBe(201);
    const key = created.json<{ key: string }>().key;
    expect(key).toMatch(/^[A-Za-z0-9]{40}$/);
    expect((await get(key)).status).toBe(200);
  });

  it("refuses a second key with the same login", () => {
    sim.admin.createApiKey({ login: "dup", email: "dup1@example.test" });
    expect(() =>
      sim.admin.createApiKey({ login: "dup", email: "dup2@example.test" }),
    ).toThrow(/login "dup"/);
  });

  it("answers 401 for unknown, revoked and expired keys", async () => {
    expect((await get("A".repeat(40))).status).toBe(401);
    const revoked = sim.admin.createApiKey({
      login: "gone",
      email: "gone@example.test",
    });
    sim.admin.revokeApiKey(revoked.id);
    expect((await get(revoked.key)).status).toBe(401);
    const expired = sim.admin.createApiKey({
      login: "old",
      email: "old@example.test",
      expiresAt: "2020-01-01T00:00:00Z",
    });
    expect((await get(expired.key)).status).toBe(401);
  });

  it("stops accepting the old value after regeneration", async () => {
    const key = sim.admin.createApiKey({
      login: "rot",
      email: "rot@example.test",
    });
    const renewed = sim.admin.regenerateApiKey(key.id);
    expect(renewed.key).not.toBe(key.key);
    expect((await get(key.key)).status).toBe(401);
    expect((await get(renewed.key)).status).toBe(200);
  });

  it("answers 403 outside the key's permissions", async () => {
    const key = sim.admin.createApiKey({
      login: "narrow",
      email: "narrow@example.test",
      permissions: ["invoices", "core.supplier.read"],
    });
    expect((await get(key.key)).status).toBe(200);
    expect((await get(key.key, "/api/suppliers")).status).toBe(200);
    const denied = await get(key.key, "/api/users");
    expect(denied.status).toBe(403);
    expect(denied.text).toContain("users");
  });

  it("answers 403 from a source address outside the key's allowlist", async () => {
    const key = sim.admin.createApiKey({
      login: "fenced",
      email: "fenced@example.test",
      ipAllowlist: ["127.0.0.2"],
    });
    const allowed = new Agent({ localAddress: "127.0.0.2" });
    try {
      expect((await get(key.key)).status).toBe(403);
      expect((await get(key.key, undefined, allowed)).status).toBe(200);
    } finally {
      await allowed.close();
    }
  });

  it("refuses every key while API keys are switched off", async () => {
    const key = sim.admin.createApiKey({
      login: "off",
      email: "off@example.test",
    });
    sim.admin.setSwitches({ apiKeys: false });
    try {
      expect((await get(key.key)).status).toBe(401);
    } finally {
      sim.admin.setSwitches({ apiKeys: true });
    }
  });
});

describe("admin API", () => {
  it("answers 401 without the admin token", async () => {
    const answer = await http(`${sim.adminUrl}/switches`);
    expect(answer.status).toBe(401);
    const ok = await http(`${sim.adminUrl}/switches`, {
      headers: { authorization: `Bearer ${sim.adminToken}` },
    });
    expect(ok.json<{ rps: number }>().rps).toBe(25);
  });

  it("creates OAuth clients whose tokens work", async () => {
    const created = await http(`${sim.adminUrl}/clients`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${sim.adminToken}`,
        "content-type": "application/json",
      },
      body: JSON.stringify({ scopes: ["core.user.read"] }),
    });
    expect(created.status).toBe(201);
    const client = created.json<{ clientId: string; clientSecret: string }>();
    const token = await mintToken(sim, {
      client_id: client.clientId,
      client_secret: client.clientSecret,
    });
    expect((await apiJson(sim, token, "/api/users")).status).toBe(200);
    expect((await apiJson(sim, token, "/api/invoices")).status).toBe(403);
  });
});
