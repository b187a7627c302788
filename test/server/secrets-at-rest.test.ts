import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { MasterKeyError } from "../../src/server/secrets/master-key-error.js";
import { rotateMasterKey } from "../../src/server/secrets/rotate-master-key.js";
import { startTestServer, type TestServer } from "./test-server.js";

const CLIENT_SECRET = "oauth-client-secret-7a1b2c3d4e5f6071";

async function storeConnection(ts: TestServer): Promise<string> {
  const pool = (await ts.call("POST", "/api/pools", { name: "P2P" })).json();
  const created = await ts.call("POST", `/api/pools/${pool.id}/connections`, {
    name: "acme",
    host: "acme",
    auth: { type: "oauth", clientId: "client", clientSecret: CLIENT_SECRET },
  });
  expect(created.status).toBe(201);
  return created.json().id;
}

function metadataBytes(dataDir: string): string {
  return ["metadata.sqlite", "metadata.sqlite-wal"]
    .map((name) => join(dataDir, name))
    .filter((path) => existsSync(path))
    .map((path) => readFileSync(path).toString("latin1"))
    .join("");
}

describe("secrets at rest", () => {
  const servers: TestServer[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) await server.dispose();
  });

  it("keeps no secret in clear text in the SQLite file or its WAL", async () => {
    const ts = await startTestServer();
    servers.push(ts);
    await storeConnection(ts);

    const bytes = metadataBytes(ts.dataDir);
    expect(bytes.length).toBeGreaterThan(0);
    expect(bytes).not.toContain(CLIENT_SECRET);
    expect(bytes).not.toContain(ts.token);
    expect(bytes).toContain("acme");
  });

  it("creates the master key file readable by its owner only", async () => {
    const ts = await startTestServer();
    servers.push(ts);
    const mode = statSync(join(ts.dataDir, "master.key")).mode & 0o777;
    expect(mode).toBe(0o600);
    const key = Buffer.from(
      readFileSync(join(ts.dataDir, "master.key"), "utf8").trim(),
      "base64",
    );
    expect(key).toHaveLength(32);
  });

  it("re-encrypts every secret under a new master key", async () => {
    const ts = await startTestServer();
    const id = await storeConnection(ts);
    const before = ciphertexts(ts);
    await ts.stop();
    const keyFile = join(ts.dataDir, "master.key");
    const oldKey = readFileSync(keyFile, "utf8");

    const rotation = rotateMasterKey(ts.dataDir, {});

    expect(rotation.secrets).toBe(1);
    expect(readFileSync(keyFile, "utf8")).not.toBe(oldKey);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const restarted = await startTestServer({ dataDir: ts.dataDir });
    servers.push(restarted);
    expect(ciphertexts(restarted)).not.toEqual(before);
    const stored = restarted.server.context.connections.get(id);
    expect(stored?.config.auth.clientSecret).toBe(CLIENT_SECRET);
    expect(metadataBytes(ts.dataDir)).not.toContain(CLIENT_SECRET);
  });

  it("refuses to start with a master key the data directory was not made with", async () => {
    const key = randomBytes(32);
    const ts = await startTestServer({ masterKey: key });
    await storeConnection(ts);
    await ts.stop();
    servers.push(
      await startTestServer({ dataDir: ts.dataDir, masterKey: key }),
    );

    await expect(
      startTestServer({ dataDir: ts.dataDir, masterKey: randomBytes(32) }),
    ).rejects.toThrow(MasterKeyError);
  });

  it("rotates a key from the environment and hands back the new one", async () => {
    const key = randomBytes(32);
    const env = { COUPA_EXTRACTOR_MASTER_KEY: key.toString("base64") };
    const ts = await startTestServer({ env });
    const id = await storeConnection(ts);
    await ts.stop();

    const rotation = rotateMasterKey(ts.dataDir, env);
    const newKey = rotation.newKeyBase64 as string;
    expect(Buffer.from(newKey, "base64")).toHaveLength(32);
    expect(existsSync(join(ts.dataDir, "master.key"))).toBe(false);

    const restarted = await startTestServer({
      dataDir: ts.dataDir,
      env: { COUPA_EXTRACTOR_MASTER_KEY: newKey },
    });
    servers.push(restarted);
    const stored = restarted.server.context.connections.get(id);
    expect(stored?.config.auth.clientSecret).toBe(CLIENT_SECRET);
  });
});

function ciphertexts(ts: TestServer): string[] {
  return (
    ts.server.db.prepare("SELECT ciphertext FROM secrets").all() as {
      ciphertext: string;
    }[]
  ).map((row) => row.ciphertext);
}
