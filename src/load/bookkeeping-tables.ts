/**
 * The pool's own tables, prefixed `_` so they sort apart from extracted
 * ones. Created on open when missing; columns are only ever added.
 *
 * - `_pool_meta`: key/value facts about the pool, among them the
 *   pseudonymization secret (`pseudonym_key`, 32 random bytes as hex).
 * - `_runs`: one row per run: mode, tables, start, end, status, report.
 * - `_checkpoints`: where each partition of a table's read stands.
 * - `_table_runs`: which run completed which table, and when.
 * - `_watermarks`: per table, the upper bound of the last complete read.
 * - `_schema_history`: every column added, removed or retyped, with its
 *   Coupa source name, whether it was discovered from the data (custom
 *   fields), the run and the time.
 */
export const BOOKKEEPING_TABLES: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS _pool_meta (
     key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS _runs (
     run_id VARCHAR PRIMARY KEY, mode VARCHAR NOT NULL, tables JSON,
     started_at TIMESTAMPTZ NOT NULL, finished_at TIMESTAMPTZ,
     status VARCHAR NOT NULL, report JSON)`,
  `CREATE TABLE IF NOT EXISTS _checkpoints (
     run_id VARCHAR NOT NULL, table_name VARCHAR NOT NULL,
     partition VARCHAR NOT NULL, last_id BIGINT, done BOOLEAN NOT NULL,
     plan VARCHAR, updated_at TIMESTAMPTZ NOT NULL,
     PRIMARY KEY (run_id, table_name, partition))`,
  `CREATE TABLE IF NOT EXISTS _table_runs (
     run_id VARCHAR NOT NULL, table_name VARCHAR NOT NULL,
     completed_at TIMESTAMPTZ NOT NULL, PRIMARY KEY (run_id, table_name))`,
  `CREATE TABLE IF NOT EXISTS _watermarks (
     table_name VARCHAR PRIMARY KEY, watermark TIMESTAMPTZ NOT NULL,
     run_id VARCHAR, updated_at TIMESTAMPTZ NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS _schema_history (
     table_name VARCHAR NOT NULL, column_name VARCHAR NOT NULL,
     change VARCHAR NOT NULL, from_type VARCHAR, to_type VARCHAR,
     source VARCHAR, discovered BOOLEAN NOT NULL, run_id VARCHAR,
     changed_at TIMESTAMPTZ NOT NULL)`,
];
