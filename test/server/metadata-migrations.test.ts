import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { PoolRepository } from "../../src/server/model/pool-repository.js";
import { openMetadataDatabase } from "../../src/server/storage/metadata-database.js";
import { MIGRATIONS } from "../../src/server/storage/migrations.js";

const folders: string[] = [];

afterEach(() => {
  for (const folder of folders.splice(0)) {
    rmSync(folder, { recursive: true, force: true });
  }
});

describe("metadata migrations", () => {
  it("upgrades a first-release database in place, its pools on the default memory limit", () => {
    const folder = mkdtempSync(join(tmpdir(), "coupa-metadata-"));
    folders.push(folder);
    const path = join(folder, "metadata.sqlite");
    const clock = () => new Date("2026-12-04T12:00:00Z");

    const old = openMetadataDatabase(path, MIGRATIONS.slice(0, 1));
    old
      .prepare(
        "INSERT INTO pools (id, name, description, created_at, updated_at) " +
          "VALUES ('pool_old', 'Old', '', '2026-01-01', '2026-01-01')",
      )
      .run();
    old.close();

    const db = openMetadataDatabase(path);
    const pools = new PoolRepository(db, clock);
    expect(pools.get("pool_old")).toMatchObject({
      name: "Old",
      memoryLimitMb: null,
    });
    expect(pools.update("pool_old", { memoryLimitMb: 512 })).toMatchObject({
      memoryLimitMb: 512,
    });
    const versions = db
      .prepare("SELECT max(version) AS v FROM schema_version")
      .get() as { v: number };
    expect(versions.v).toBe(MIGRATIONS.length);
    db.close();
  });
});
