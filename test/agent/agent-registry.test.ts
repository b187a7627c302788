import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import type { AgentRegistry } from "../../src/agent/agent-registry.js";
import { MemoryAgentRegistry } from "../../src/agent/memory-agent-registry.js";
import { SqliteAgentRegistry } from "../../src/agent/sqlite-agent-registry.js";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function sqliteRegistry() {
  const dir = await mkdtemp(path.join(tmpdir(), "agent-registry-"));
  const file = path.join(dir, "meta.sqlite");
  const db = new Database(file);
  cleanups.push(async () => {
    db.close();
    await rm(dir, { recursive: true, force: true });
  });
  return { db, file, registry: new SqliteAgentRegistry(db) };
}

describe.each([
  ["SqliteAgentRegistry", async () => (await sqliteRegistry()).registry],
  ["MemoryAgentRegistry", async () => new MemoryAgentRegistry()],
])("%s", (_name, make: () => Promise<AgentRegistry>) => {
  it("verifies a created agent's token and nothing else", async () => {
    const registry = await make();
    const created = registry.create("dc1");

    expect(created.token).toMatch(/^cxa_[A-Za-z0-9_-]{43}$/);
    expect(registry.verify(created.token)).toMatchObject({
      id: created.id,
      name: "dc1",
      revokedAt: null,
    });
    expect(registry.verify(`${created.token}x`)).toBeNull();
    expect(registry.verify("")).toBeNull();
  });

  it("stops verifying a revoked token but still lists the agent", async () => {
    const registry = await make();
    const kept = registry.create("kept");
    const gone = registry.create("gone");

    expect(registry.revoke(gone.id)).toBe(true);
    expect(registry.revoke("unknown")).toBe(false);

    expect(registry.verify(gone.token)).toBeNull();
    expect(registry.verify(kept.token)?.id).toBe(kept.id);
    expect(registry.get(gone.id)?.revokedAt).toBeInstanceOf(Date);
    expect(registry.list().map((a) => a.name)).toEqual(["kept", "gone"]);
    expect(JSON.stringify(registry.list())).not.toContain("cxa_");
  });
});

it("keeps only token hashes in the SQLite file", async () => {
  const { db, file, registry } = await sqliteRegistry();
  const created = registry.create("dc1");
  db.pragma("wal_checkpoint(TRUNCATE)");

  const bytes = await readFile(file);
  expect(bytes.includes(Buffer.from(created.token))).toBe(false);
  expect(registry.verify(created.token)?.name).toBe("dc1");
});
