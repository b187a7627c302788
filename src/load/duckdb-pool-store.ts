import { randomBytes } from "node:crypto";
import type { DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import { type Logger, pino } from "pino";
import type {
  ColumnSpec,
  RowBatch,
  TableRows,
} from "../normalize/row-batch.js";
import { BOOKKEEPING_TABLES } from "./bookkeeping-tables.js";
import { duckDbColumnType } from "./duckdb-column-type.js";
import { openPoolInstance } from "./open-pool-instance.js";
import {
  blockSizeOf,
  MIN_MEMORY_LIMIT_MB,
  MIN_SMALL_BLOCK_MEMORY_LIMIT_MB,
  minMemoryLimitMb,
  SMALL_BLOCK_SIZE,
} from "./pool-memory.js";
import { isEmptyDiff, PoolSchema, type TableDiff } from "./pool-schema.js";
import type {
  Checkpoint,
  CommitResult,
  PoolStore,
  RunRecord,
  SchemaChange,
  SchemaDriftPolicy,
} from "./pool-store.js";
import { SchemaDriftError } from "./schema-drift-error.js";
import { sqlQuoting } from "./sql-quoting.js";
import { TableAppender } from "./table-appender.js";
import { WriteQueue } from "./write-queue.js";

/** Options of `DuckDbPoolStore.open`. */
export interface DuckDbPoolStoreOptions {
  /** Where schema changes and commits are logged; default silent. */
  readonly logger?: Logger;
  /** Clock for bookkeeping times; default `() => new Date()`. */
  readonly now?: () => Date;
  /**
   * Most pages committed in one transaction when several wait at once
   * (concurrent partitions); default 32.
   */
  readonly maxPagesPerCommit?: number;
  /**
   * DuckDB worker threads of the pool's instance (a global setting, so
   * readers of the same instance share it); default 1. Pool writes are
   * small serial transactions: extra DuckDB threads mostly wait for work
   * and cost a quarter more CPU per page on a 2-core machine shared with
   * the client and normalizer.
   */
  readonly threads?: number;
  /**
   * Memory DuckDB may use for the pool's instance, in MB (a global
   * setting of the instance); default 256, at least 64. Without a limit
   * DuckDB keeps every table block it wrote cached, up to 80% of the
   * machine's memory, so a full load's footprint grew with the table.
   * Past the limit it evicts cached blocks and spills to `<pool>.tmp`.
   *
   * DuckDB keeps a block per column of every table it appends to, and
   * the invoice tables have about 900 columns: with DuckDB's default
   * 256 KB blocks, limits under 256 MB made DuckDB 1.5 fail with
   * "misaligned count" or "failed to pin block". So a pool file created
   * with a limit under 256 MB gets 16 KB blocks, and a limit under 256 MB
   * on a file with larger blocks is refused. Smaller limits cost speed:
   * DuckDB spills and re-reads table data it has not checkpointed yet.
   */
  readonly memoryLimitMb?: number;
}

interface PendingCommit {
  readonly batch: RowBatch;
  readonly checkpoint: Checkpoint;
  readonly policy: SchemaDriftPolicy;
  readonly resolve: (result: CommitResult) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * WAL size that triggers a checkpoint. DuckDB's default (16 MB) fills
 * every few pages of wide Coupa rows, and each checkpoint recompresses the
 * growing last row group of every table: loads spent more time there than
 * anywhere else. The store checkpoints itself when a table completes.
 */
const CHECKPOINT_THRESHOLD = "256MB";

/**
 * Refuses a memory limit under 256 MB on a file whose blocks are larger
 * than 16 KB (created before, or with the default limit).
 */
async function checkBlockSize(
  connection: DuckDBConnection,
  path: string,
  memoryLimitMb: number,
): Promise<void> {
  const blockSize = await blockSizeOf(connection);
  if (memoryLimitMb >= minMemoryLimitMb(blockSize)) return;
  throw new RangeError(
    `memoryLimitMb is ${memoryLimitMb}, but the pool file ${path} has ` +
      `${blockSize / 1024} KB blocks, for which DuckDB needs ` +
      `${MIN_MEMORY_LIMIT_MB} MB or more. Give ${MIN_MEMORY_LIMIT_MB} or ` +
      "more, or extract into a new pool file: one created with a limit " +
      `under ${MIN_MEMORY_LIMIT_MB} MB gets ${SMALL_BLOCK_SIZE / 1024} KB ` +
      "blocks.",
  );
}

/** Ids per statement when a set of ids is written into SQL text. */
const IDS_PER_STATEMENT = 5000;

/**
 * The pool on a DuckDB file. All reads and writes go through one
 * connection in call order; pages that wait together (from concurrent
 * partitions) are committed in one transaction, each still all or
 * nothing: if the shared transaction fails, each page is retried alone so
 * only the failing one reports the error.
 *
 * Upserts are delete-then-append by primary key `id` (no index: DuckDB's
 * indexes slow bulk appends), child rows are replaced by `_root_id`, and
 * rows go in through the appender.
 *
 * @example
 * const store = await DuckDbPoolStore.open("data/pool.duckdb", { logger });
 * await store.commitPage(batch, checkpoint, "evolve");
 */
export class DuckDbPoolStore implements PoolStore {
  readonly #instance: DuckDBInstance;
  readonly #connection: DuckDBConnection;
  readonly #logger: Logger;
  readonly #now: () => Date;
  readonly #maxPages: number;
  readonly #threads: number;
  readonly #memoryLimitMb: number;
  readonly #queue = new WriteQueue();
  readonly #schema = new PoolSchema();
  readonly #appender: TableAppender;
  /** Columns prepareTables planned per table: anything else is discovered. */
  readonly #planned = new Map<string, ReadonlySet<string>>();
  /** Pages waiting for the next commit; later pages join until it starts. */
  #openGroup: PendingCommit[] | undefined;
  #key: Buffer | undefined;
  #lastRunId: string | null = null;
  #closed = false;

  private constructor(
    instance: DuckDBInstance,
    connection: DuckDBConnection,
    options: DuckDbPoolStoreOptions,
  ) {
    this.#instance = instance;
    this.#connection = connection;
    this.#logger = options.logger ?? pino({ level: "silent" });
    this.#now = options.now ?? (() => new Date());
    this.#maxPages = options.maxPagesPerCommit ?? 32;
    this.#threads = options.threads ?? 1;
    this.#memoryLimitMb = options.memoryLimitMb ?? MIN_MEMORY_LIMIT_MB;
    this.#appender = new TableAppender(connection);
  }

  /**
   * Opens (creating when missing) the pool file and its bookkeeping
   * tables.
   *
   * @throws PoolPathError naming the path and the fix when it is a
   *   directory, unwritable, not a DuckDB file or locked.
   * @throws RangeError when `threads` is not a whole number of 1 or more,
   *   `memoryLimitMb` not a whole number of at least 64, or under 256 for
   *   a file with blocks larger than 16 KB.
   */
  static async open(
    path: string,
    options: DuckDbPoolStoreOptions = {},
  ): Promise<DuckDbPoolStore> {
    const threads = options.threads ?? 1;
    if (!Number.isInteger(threads) || threads < 1) {
      throw new RangeError(
        `threads is ${threads}; give a whole number of 1 or more.`,
      );
    }
    const memoryLimitMb = options.memoryLimitMb ?? MIN_MEMORY_LIMIT_MB;
    if (
      !Number.isInteger(memoryLimitMb) ||
      memoryLimitMb < MIN_SMALL_BLOCK_MEMORY_LIMIT_MB
    ) {
      throw new RangeError(
        `memoryLimitMb is ${memoryLimitMb}; give a whole number of ` +
          `${MIN_SMALL_BLOCK_MEMORY_LIMIT_MB} or more.`,
      );
    }
    const small = memoryLimitMb < MIN_MEMORY_LIMIT_MB;
    const instance = await openPoolInstance(path, {
      create: true,
      blockSize: small ? SMALL_BLOCK_SIZE : undefined,
    });
    const connection = await instance.connect();
    const store = new DuckDbPoolStore(instance, connection, options);
    try {
      if (small) await checkBlockSize(connection, path, memoryLimitMb);
      await connection.run(
        `SET GLOBAL checkpoint_threshold = '${CHECKPOINT_THRESHOLD}'`,
      );
      await connection.run(`SET GLOBAL threads = ${store.#threads}`);
      await connection.run(
        `SET GLOBAL memory_limit = '${store.#memoryLimitMb}MB'`,
      );
      for (const ddl of BOOKKEEPING_TABLES) await connection.run(ddl);
      await store.#schema.load(connection);
      store.#key = await store.#loadKey();
    } catch (error) {
      connection.closeSync();
      // Drops this handle only, so a refused open leaves the file closed.
      instance.closeSync();
      throw error;
    }
    return store;
  }

  async pseudonymKey(): Promise<Buffer> {
    if (this.#key) return Buffer.from(this.#key);
    this.#key = await this.#queue.run(() => this.#loadKey());
    return Buffer.from(this.#key);
  }

  startRun(run: RunRecord): Promise<void> {
    this.#lastRunId = run.runId;
    return this.#write(async () => {
      await this.#connection.run(
        `INSERT OR REPLACE INTO _runs
           (run_id, mode, tables, started_at, status)
         VALUES ($1, $2, $3, $4::TIMESTAMPTZ, 'running')`,
        [
          run.runId,
          run.mode,
          JSON.stringify(run.tables),
          run.startedAt.toISOString(),
        ],
      );
    });
  }

  finishRun(
    runId: string,
    status: "succeeded" | "failed" | "cancelled",
    report: unknown,
  ): Promise<void> {
    return this.#write(async () => {
      await this.#connection.run(
        `UPDATE _runs SET finished_at = $2::TIMESTAMPTZ, status = $3,
           report = $4 WHERE run_id = $1`,
        [
          runId,
          this.#now().toISOString(),
          status,
          JSON.stringify(report ?? null),
        ],
      );
    });
  }

  commitPage(
    batch: RowBatch,
    checkpoint: Checkpoint,
    policy: SchemaDriftPolicy,
  ): Promise<CommitResult> {
    this.#assertOpen();
    return new Promise<CommitResult>((resolve, reject) => {
      let group = this.#openGroup;
      if (!group) {
        const fresh: PendingCommit[] = [];
        group = fresh;
        this.#openGroup = fresh;
        void this.#queue.run(() => this.#flushGroup(fresh));
      }
      group.push({ batch, checkpoint, policy, resolve, reject });
      if (group.length >= this.#maxPages) this.#openGroup = undefined;
    });
  }

  saveCheckpoints(checkpoints: readonly Checkpoint[]): Promise<void> {
    return this.#write(() =>
      this.#transaction(() => this.#upsertCheckpoints(checkpoints)),
    );
  }

  unfinishedCheckpoints(table: string): Promise<readonly Checkpoint[]> {
    return this.#write(async () => {
      const reader = await this.#connection.runAndReadAll(
        `WITH completed AS (
           SELECT max(completed_at) AS last_at FROM _table_runs
           WHERE table_name = $1),
         latest AS (
           SELECT c.run_id, max(c.updated_at) AS last_at FROM _checkpoints c
           WHERE c.table_name = $1 AND NOT EXISTS (
             SELECT 1 FROM _table_runs t
             WHERE t.run_id = c.run_id AND t.table_name = c.table_name)
           GROUP BY c.run_id
           HAVING max(c.updated_at) >
             coalesce((SELECT last_at FROM completed), '-infinity'::TIMESTAMPTZ)
           ORDER BY last_at DESC LIMIT 1)
         SELECT c.run_id, c.partition, c.last_id, c.done, c.plan
         FROM _checkpoints c JOIN latest USING (run_id)
         WHERE c.table_name = $1 ORDER BY c.partition`,
        [table],
      );
      return reader.getRows().map(([runId, partition, lastId, done, plan]) => ({
        runId: String(runId),
        table,
        partition: String(partition),
        lastId: lastId === null ? null : Number(lastId),
        done: Boolean(done),
        plan: plan === null ? "" : String(plan),
      }));
    });
  }

  watermark(table: string): Promise<Date | null> {
    return this.#write(async () => {
      const reader = await this.#connection.runAndReadAll(
        "SELECT epoch_ms(watermark) FROM _watermarks WHERE table_name = $1",
        [table],
      );
      const ms = reader.getRows()[0]?.[0];
      return ms === undefined || ms === null ? null : new Date(Number(ms));
    });
  }

  completeTable(table: string, runId: string, watermark: Date): Promise<void> {
    return this.#write(async () => {
      await this.#transaction(async () => {
        const now = this.#now().toISOString();
        await this.#connection.run(
          `INSERT OR REPLACE INTO _watermarks VALUES
             ($1, $2::TIMESTAMPTZ, $3, $4::TIMESTAMPTZ)`,
          [table, watermark.toISOString(), runId, now],
        );
        await this.#connection.run(
          `INSERT OR REPLACE INTO _table_runs VALUES
             ($1, $2, $3::TIMESTAMPTZ)`,
          [runId, table, now],
        );
      });
      await this.#checkpoint();
    });
  }

  /**
   * Folds the WAL into the file so the next open does not replay it. A
   * reader in the middle of a transaction can make DuckDB refuse; the
   * next checkpoint (or DuckDB's own) catches up.
   */
  async #checkpoint() {
    try {
      await this.#connection.run("CHECKPOINT");
    } catch (error) {
      this.#logger.debug({ err: error }, "checkpoint postponed");
    }
  }

  markDeleted(
    table: string,
    liveIds: ReadonlySet<number>,
    at: Date,
  ): Promise<number> {
    return this.#write(() =>
      this.#transaction(async () => {
        if (!this.#schema.columns(table)) return 0;
        const quoted = sqlQuoting.identifier(table);
        const reader = await this.#connection.runAndReadAll(
          `SELECT id FROM ${quoted} WHERE _deleted_at IS NULL`,
        );
        const gone = reader
          .getRows()
          .map(([id]) => Number(id))
          .filter((id) => !liveIds.has(id));
        for (const ids of slices(gone)) {
          await this.#connection.run(
            `UPDATE ${quoted} SET _deleted_at = $1::TIMESTAMPTZ
             WHERE ${idFilter("id", ids)}`,
            [at.toISOString()],
          );
          await this.#deleteChildren(table, ids);
        }
        if (gone.length > 0) {
          this.#logger.info({ table, deleted: gone.length }, "marked deleted");
        }
        return gone.length;
      }),
    );
  }

  prepareTables(
    tables: readonly Pick<TableRows, "table" | "columns" | "isParent">[],
    policy: SchemaDriftPolicy,
  ): Promise<readonly SchemaChange[]> {
    for (const t of tables) {
      this.#planned.set(t.table, new Set(t.columns.map((c) => c.name)));
    }
    return this.#write(async () => {
      const diffs = tables.map((t) => this.#schema.diff(t.table, t.columns));
      const removed = await this.#removedColumns(tables);
      if (policy === "fail") {
        const drift = [...diffs.flatMap(driftOf), ...removed];
        if (drift.length > 0) throw new SchemaDriftError(drift);
      }
      return this.#transaction(async () => {
        const changes = await this.#applyDiffs(diffs, this.#lastRunId);
        await this.#recordHistory(removed, this.#lastRunId);
        return [...changes, ...removed];
      });
    });
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#queue.drain();
    this.#appender.reset();
    await this.#checkpoint();
    this.#connection.closeSync();
    // Drops this handle only; other users of the cached instance go on.
    this.#instance.closeSync();
  }

  /** Commits the pages that queued up together while earlier work ran. */
  async #flushGroup(group: PendingCommit[]): Promise<void> {
    if (this.#openGroup === group) this.#openGroup = undefined;
    const ready = group.filter((page) => this.#passesDriftCheck(page));
    for (const part of disjointParts(ready)) await this.#commitGroup(part);
  }

  #passesDriftCheck(page: PendingCommit): boolean {
    if (page.policy !== "fail") return true;
    const drift = page.batch.tables.flatMap((t) =>
      driftOf(this.#schema.diff(t.table, t.columns)),
    );
    if (drift.length === 0) return true;
    page.reject(new SchemaDriftError(drift));
    return false;
  }

  async #commitGroup(group: readonly PendingCommit[]): Promise<void> {
    if (group.length === 0) return;
    try {
      const results = await this.#transaction(() => this.#writePages(group));
      this.#logger.debug(
        {
          pages: group.length,
          parents: sum(results, (r) => r.inserted + r.updated),
        },
        "pages committed",
      );
      for (const [i, page] of group.entries()) {
        page.resolve(results[i] as CommitResult);
      }
    } catch (error) {
      if (group.length === 1) {
        group[0]?.reject(error);
        return;
      }
      // Retry alone so only the page at fault fails.
      for (const page of group) await this.#commitGroup([page]);
    }
  }

  async #writePages(group: readonly PendingCommit[]): Promise<CommitResult[]> {
    const changes: SchemaChange[][] = [];
    for (const page of group) {
      const diffs = page.batch.tables.map((t) =>
        this.#schema.diff(t.table, t.columns),
      );
      changes.push(await this.#applyDiffs(diffs, page.checkpoint.runId));
    }

    const existing = await this.#removeExisting(group);

    for (const [table, parts] of rowsByTable(group)) {
      const columns = this.#schema.columns(table) ?? [];
      await this.#appender.append(table, parts, columns);
    }
    await this.#upsertCheckpoints(group.map((p) => p.checkpoint));

    return group.map((page, i) => {
      const ids = page.batch.parentIds;
      const updated = ids.filter((id) => existing.has(id)).length;
      return {
        inserted: ids.length - updated,
        updated,
        schemaChanges: changes[i] ?? [],
      };
    });
  }

  /** Deletes the group's parents that exist, with all their children. */
  async #removeExisting(
    group: readonly PendingCommit[],
  ): Promise<ReadonlySet<number>> {
    const idsByTable = new Map<string, number[]>();
    for (const page of group) {
      const parent = parentTableOf(page.batch);
      if (!parent) continue;
      const list = idsByTable.get(parent) ?? [];
      list.push(...page.batch.parentIds);
      idsByTable.set(parent, list);
    }
    const existing = new Set<number>();
    for (const [table, ids] of idsByTable) {
      for (const id of await this.#existingIds(table, ids)) existing.add(id);
      const found = ids.filter((id) => existing.has(id));
      for (const slice of slices(found)) {
        await this.#connection.run(
          `DELETE FROM ${sqlQuoting.identifier(table)}
           WHERE ${idFilter("id", slice)}`,
        );
        await this.#deleteChildren(table, slice);
      }
    }
    return existing;
  }

  async #existingIds(table: string, ids: readonly number[]): Promise<number[]> {
    const found: number[] = [];
    for (const slice of slices(ids)) {
      const reader = await this.#connection.runAndReadAll(
        `SELECT id FROM ${sqlQuoting.identifier(table)}
         WHERE ${idFilter("id", slice)}`,
      );
      for (const [id] of reader.getRows()) found.push(Number(id));
    }
    return found;
  }

  async #deleteChildren(parent: string, ids: readonly number[]) {
    for (const child of this.#schema.childTables(parent)) {
      await this.#connection.run(
        `DELETE FROM ${sqlQuoting.identifier(child)}
         WHERE ${idFilter("_root_id", ids)}`,
      );
    }
  }

  async #applyDiffs(
    diffs: readonly TableDiff[],
    runId: string | null,
  ): Promise<SchemaChange[]> {
    const changed = diffs.filter((d) => !isEmptyDiff(d));
    if (changed.length === 0) return [];
    const changes: SchemaChange[] = [];
    // An appender describes its table as it was when it was made.
    this.#appender.reset();
    for (const diff of changed) {
      for (const ddl of this.#schema.statements(diff)) {
        await this.#connection.run(ddl);
      }
      changes.push(...changesOf(diff));
    }
    await this.#schema.load(
      this.#connection,
      changed.map((d) => d.table),
    );
    this.#appender.reset();
    const created = new Set(
      changed.filter((d) => d.create).map((d) => d.table),
    );
    await this.#recordHistory(changes, runId, (c) =>
      this.#isDiscovered(c, created),
    );
    const reported = changes.filter((c) => !created.has(c.table));
    if (changes.length > 0) {
      this.#logger.info(
        { changes: changes.length, tables: changed.map((d) => d.table) },
        "pool schema changed",
      );
    }
    return reported;
  }

  async #recordHistory(
    changes: readonly SchemaChange[],
    runId: string | null,
    discovered: (change: SchemaChange) => boolean = () => false,
  ) {
    if (changes.length === 0) return;
    const at = this.#now().toISOString();
    const values: (string | boolean | null)[] = [];
    const rows = changes.map((c, i) => {
      values.push(
        c.table,
        c.column,
        c.change,
        c.from ?? null,
        c.to ?? null,
        c.source,
        discovered(c),
        runId,
        at,
      );
      const p = i * 9;
      const params = Array.from({ length: 8 }, (_, k) => `$${p + k + 1}`);
      return `(${params.join(", ")}, $${p + 9}::TIMESTAMPTZ)`;
    });
    await this.#connection.run(
      `INSERT INTO _schema_history VALUES ${rows.join(", ")}`,
      values,
    );
  }

  /**
   * A column the data brought that the table's plan (prepareTables) did
   * not list; without a plan, any column added after the table was made.
   */
  #isDiscovered(change: SchemaChange, created: ReadonlySet<string>): boolean {
    if (change.change !== "added") return false;
    const planned = this.#planned.get(change.table);
    if (planned) return !planned.has(change.column);
    return !created.has(change.table);
  }

  async #removedColumns(
    tables: readonly Pick<TableRows, "table" | "columns">[],
  ): Promise<SchemaChange[]> {
    const removed: SchemaChange[] = [];
    for (const t of tables) {
      const pool = this.#schema.columns(t.table);
      if (!pool) continue;
      const planned = new Set(t.columns.map((c) => c.name));
      const gone = pool.filter(
        (c) => !c.name.startsWith("_") && !planned.has(c.name),
      );
      if (gone.length === 0) continue;
      const settled = await this.#settledColumns(t.table);
      for (const column of gone) {
        if (settled.has(column.name)) continue;
        removed.push({
          table: t.table,
          column: column.name,
          change: "removed",
          from: column.spelling,
          source: "",
        });
      }
    }
    return removed;
  }

  /** Columns whose absence is expected: discovered or already removed. */
  async #settledColumns(table: string): Promise<Set<string>> {
    const reader = await this.#connection.runAndReadAll(
      `SELECT column_name FROM _schema_history WHERE table_name = $1
       GROUP BY column_name
       HAVING bool_or(discovered) OR arg_max(change, changed_at) = 'removed'`,
      [table],
    );
    return new Set(reader.getRows().map(([name]) => String(name)));
  }

  async #upsertCheckpoints(checkpoints: readonly Checkpoint[]) {
    const latest = new Map<string, Checkpoint>();
    for (const c of checkpoints) {
      latest.set(JSON.stringify([c.runId, c.table, c.partition]), c);
    }
    if (latest.size === 0) return;
    const at = this.#now().toISOString();
    const values: (string | number | boolean | null)[] = [];
    const rows = [...latest.values()].map((c, i) => {
      values.push(c.runId, c.table, c.partition, c.lastId, c.done, c.plan, at);
      const p = i * 7;
      return (
        `($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}::BIGINT, $${p + 5}, ` +
        `$${p + 6}, $${p + 7}::TIMESTAMPTZ)`
      );
    });
    await this.#connection.run(
      `INSERT OR REPLACE INTO _checkpoints VALUES ${rows.join(", ")}`,
      values,
    );
  }

  async #loadKey(): Promise<Buffer> {
    const fresh = randomBytes(32).toString("hex");
    // INSERT OR IGNORE keeps the first key when two stores race.
    await this.#connection.run(
      `INSERT OR IGNORE INTO _pool_meta VALUES ('pseudonym_key', $1)`,
      [fresh],
    );
    const reader = await this.#connection.runAndReadAll(
      "SELECT value FROM _pool_meta WHERE key = 'pseudonym_key'",
    );
    return Buffer.from(String(reader.getRows()[0]?.[0]), "hex");
  }

  async #transaction<T>(work: () => Promise<T>): Promise<T> {
    await this.#connection.run("BEGIN TRANSACTION");
    try {
      const result = await work();
      await this.#connection.run("COMMIT");
      return result;
    } catch (error) {
      await this.#connection.run("ROLLBACK").catch(() => undefined);
      // DDL of the failed transaction is gone: re-read the real schema.
      await this.#schema.load(this.#connection);
      this.#appender.reset();
      throw error;
    }
  }

  #write<T>(task: () => Promise<T>): Promise<T> {
    this.#assertOpen();
    // Later pages must not overtake this call: they start a new group.
    this.#openGroup = undefined;
    return this.#queue.run(task);
  }

  #assertOpen() {
    if (this.#closed) {
      throw new Error(
        "The pool store is closed; open it again with DuckDbPoolStore.open().",
      );
    }
  }
}

function driftOf(diff: TableDiff): SchemaChange[] {
  return diff.create ? [] : changesOf(diff);
}

function changesOf(diff: TableDiff): SchemaChange[] {
  return [
    ...diff.added.map((c) => added(diff.table, c)),
    ...diff.retyped.map(({ spec, from, to }) => ({
      table: diff.table,
      column: spec.name,
      change: "retyped" as const,
      from: duckDbColumnType(from),
      to: duckDbColumnType(to),
      source: spec.source,
    })),
  ];
}

function added(table: string, column: ColumnSpec): SchemaChange {
  return {
    table,
    column: column.name,
    change: "added",
    to: duckDbColumnType(column.type),
    source: column.source,
  };
}

/** Each table's rows across the pages, parents before their children. */
function rowsByTable(
  group: readonly PendingCommit[],
): Map<string, TableRows[]> {
  const byTable = new Map<string, TableRows[]>();
  for (const page of group) {
    for (const rows of page.batch.tables) {
      if (rows.rows.length === 0) continue;
      const parts = byTable.get(rows.table);
      if (parts) parts.push(rows);
      else byTable.set(rows.table, [rows]);
    }
  }
  return byTable;
}

function parentTableOf(batch: RowBatch): string | undefined {
  return (batch.tables.find((t) => t.isParent) ?? batch.tables[0])?.table;
}

/**
 * Splits pages into runs whose parent ids do not repeat per table: a
 * record read twice must be replaced in order, not appended twice.
 */
function disjointParts(pages: readonly PendingCommit[]): PendingCommit[][] {
  const parts: PendingCommit[][] = [];
  let current: PendingCommit[] = [];
  let seen = new Set<string>();
  for (const page of pages) {
    const parent = parentTableOf(page.batch) ?? "";
    const keys = page.batch.parentIds.map((id) => `${parent}\u0000${id}`);
    if (keys.some((k) => seen.has(k))) {
      parts.push(current);
      current = [];
      seen = new Set();
    }
    current.push(page);
    for (const k of keys) seen.add(k);
  }
  if (current.length > 0) parts.push(current);
  return parts;
}

function sum<T>(items: readonly T[], of: (item: T) => number): number {
  return items.reduce((total, item) => total + of(item), 0);
}

function slices<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += IDS_PER_STATEMENT) {
    out.push(items.slice(i, i + IDS_PER_STATEMENT));
  }
  return out;
}

/**
 * An SQL filter for a set of integer ids. The range lets DuckDB skip row
 * groups by their min/max before testing the list.
 */
function idFilter(column: string, ids: readonly number[]): string {
  if (ids.length === 0) return "FALSE";
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const id of ids) {
    if (!Number.isSafeInteger(id)) {
      throw new RangeError(`Id ${id} is not an integer; ids must be integers.`);
    }
    if (id < min) min = id;
    if (id > max) max = id;
  }
  const quoted = sqlQuoting.identifier(column);
  return `${quoted} BETWEEN ${min} AND ${max} AND ${quoted} IN (${ids.join(",")})`;
}
