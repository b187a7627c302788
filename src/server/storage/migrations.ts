/**
 * The metadata schema, as an ordered list of steps. A step is never
 * edited once released: a change to the schema is a new step, so a data
 * directory from any older version upgrades in place.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE pools (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );

  CREATE TABLE connections (
    id TEXT PRIMARY KEY,
    pool_id TEXT NOT NULL REFERENCES pools(id) ON DELETE CASCADE,
    -- the connection config without its secrets (they live in secrets)
    config_json TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );

  CREATE TABLE secrets (
    owner_id TEXT NOT NULL,
    name TEXT NOT NULL,
    -- AES-256-GCM: base64 of iv (12 bytes) + tag (16 bytes) + ciphertext
    ciphertext TEXT NOT NULL,
    PRIMARY KEY (owner_id, name)
  );

  CREATE TABLE jobs (
    id TEXT PRIMARY KEY,
    pool_id TEXT NOT NULL REFERENCES pools(id) ON DELETE CASCADE,
    connection_id TEXT NOT NULL REFERENCES connections(id),
    name TEXT NOT NULL,
    tables_json TEXT NOT NULL,
    mode TEXT NOT NULL,
    schedule TEXT,
    enabled INTEGER NOT NULL,
    -- the cron occurrence last handled, so a restart can see what it missed
    last_scheduled_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );

  CREATE TABLE runs (
    id TEXT PRIMARY KEY,
    pool_id TEXT NOT NULL REFERENCES pools(id) ON DELETE CASCADE,
    job_id TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    trigger TEXT NOT NULL,
    status TEXT NOT NULL,
    mode TEXT NOT NULL,
    extraction_run_id TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    progress_json TEXT,
    report_json TEXT,
    error_json TEXT,
    created_at TEXT NOT NULL,
    started_at TEXT,
    finished_at TEXT
  );
  CREATE INDEX runs_by_pool ON runs (pool_id, created_at);
  CREATE INDEX runs_by_status ON runs (status);

  CREATE TABLE run_logs (
    run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    line_json TEXT NOT NULL,
    PRIMARY KEY (run_id, seq)
  );

  CREATE TABLE api_tokens (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    last_used_at TEXT,
    revoked_at TEXT
  );

  CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  `,
  `
  -- DuckDB's memory cap of the pool in MB; null for the default
  ALTER TABLE pools ADD COLUMN memory_limit_mb INTEGER;
  `,
];
