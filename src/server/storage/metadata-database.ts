import { mkdirSync } from "node:fs";
import Database from "better-sqlite3";
import { MIGRATIONS } from "./migrations.js";

/** The SQLite handle of the server's metadata. */
export type MetadataDatabase = Database.Database;

/**
 * Opens (creating if needed) the metadata database at `path` and brings
 * its schema up to date. WAL lets the API read while a run writes its
 * progress; foreign keys make deleting a pool delete what is in it.
 *
 * @example
 * const db = openMetadataDatabase("./data/metadata.sqlite");
 */
export function openMetadataDatabase(
  path: string,
  migrations: readonly string[] = MIGRATIONS,
): MetadataDatabase {
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 5000");
  migrate(db, migrations);
  return db;
}

/**
 * Creates the data directory and its `pools/` folder if missing, readable
 * by the server's user only: it holds the master key file and the pools.
 */
export function ensureDataDirectory(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  mkdirSync(`${dataDir}/pools`, { recursive: true, mode: 0o700 });
}

function migrate(db: MetadataDatabase, migrations: readonly string[]) {
  db.exec(
    "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)",
  );
  const row = db
    .prepare("SELECT max(version) AS v FROM schema_version")
    .get() as { v: number | null } | undefined;
  const current = row?.v ?? 0;

  migrations.forEach((sql, index) => {
    const version = index + 1;
    if (version <= current) return;
    db.transaction(() => {
      db.exec(sql);
      db.prepare("INSERT INTO schema_version (version) VALUES (?)").run(
        version,
      );
    })();
  });
}
