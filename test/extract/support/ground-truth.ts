import { getCatalog } from "../../../src/catalog/catalog.js";
import {
  type LayoutTable,
  planTableLayout,
} from "../../../src/normalize/table-layout.js";
import type { TableSettings } from "../../../src/normalize/table-settings.js";
import type { SimulatorData } from "../../../src/simulator/data/simulator-data.js";
import { poolQuery } from "./pool-query.js";

type Row = Record<string, unknown>;
type Query = (sql: string) => Promise<Row[]>;

/** Column kinds compared as scalars between Coupa and the pool. */
const SCALAR_KINDS = new Set(["varchar", "bigint", "decimal", "boolean"]);

/** Scalar columns compared per parent table (besides id, updated_at). */
const SCALARS_PER_TABLE = 8;

/**
 * Differences between the pool's tables of one resource and the
 * simulator's ground truth: parent ids, updated-at and several scalar
 * columns record for record, and every child table's rows by (root id,
 * parent position, position, id). Empty when they are equal.
 */
export async function groundTruthDiff(
  poolPath: string,
  data: SimulatorData,
  settings: TableSettings,
): Promise<string[]> {
  const layout = planTableLayout(settings, getCatalog());
  const truth = [...data.groundTruth(settings.resource)];
  const query = (sql: string) => poolQuery(poolPath, sql);
  const diffs: string[] = [];
  for (const table of layout.tables) {
    const found = table.isParent
      ? await parentDiff(query, table, truth, settings)
      : await childDiff(query, table, truth);
    diffs.push(...found);
  }
  return diffs.slice(0, 20);
}

/** Parent keys that appear more than once in the pool table. */
export async function duplicateKeys(
  poolPath: string,
  table: string,
): Promise<number> {
  const [row] = await poolQuery(
    poolPath,
    `SELECT count(*) - count(DISTINCT id) AS n FROM "${table}"`,
  );
  return Number(row?.n);
}

async function parentDiff(
  query: Query,
  table: LayoutTable,
  truth: readonly Row[],
  settings: TableSettings,
): Promise<string[]> {
  const scalars = table.columns
    .filter(
      (c) =>
        SCALAR_KINDS.has(c.type.kind) &&
        /^[a-z0-9-?]+$/.test(c.source) &&
        c.name !== "id" &&
        !settings.pseudonymize.includes(c.name),
    )
    .slice(0, SCALARS_PER_TABLE);
  const select = scalars
    .map((c) => `CAST("${c.name}" AS VARCHAR) AS "${c.name}"`)
    .join(", ");
  const rows = await query(
    `SELECT id, epoch_ms(updated_at) AS _updated${select ? `, ${select}` : ""} ` +
      `FROM "${table.table}" WHERE _deleted_at IS NULL ORDER BY id`,
  );
  const pool = new Map(rows.map((r) => [Number(r.id), r]));
  const diffs: string[] = [];
  if (pool.size !== truth.length) {
    diffs.push(`${table.table}: ${pool.size} rows, Coupa has ${truth.length}`);
  }
  for (const record of truth) {
    const row = pool.get(Number(record.id));
    if (!row) {
      diffs.push(`${table.table}: id ${record.id} missing`);
      continue;
    }
    const updated = Date.parse(String(record["updated-at"]));
    if (Number(row._updated) !== updated) {
      diffs.push(`${table.table} ${record.id}: updated_at differs`);
    }
    for (const column of scalars) {
      if (!sameValue(row[column.name], record[column.source])) {
        diffs.push(
          `${table.table} ${record.id}: ${column.name} is ` +
            `${String(row[column.name])}, Coupa has ${String(record[column.source])}`,
        );
      }
    }
  }
  return diffs;
}

async function childDiff(
  query: Query,
  table: LayoutTable,
  truth: readonly Row[],
): Promise<string[]> {
  const names = new Set(table.columns.map((c) => c.name));
  const parentPosition = names.has("_parent_position")
    ? "_parent_position"
    : "NULL";
  const id = names.has("id") ? "id" : "NULL";
  const rows = await query(
    `SELECT _root_id, ${parentPosition} AS pp, _position, ${id} AS id ` +
      `FROM "${table.table}"`,
  );
  const pool = new Set(
    rows.map((r: Row) => key(r._root_id, r.pp, r._position, r.id)),
  );
  const expected = new Set<string>();
  for (const record of truth) {
    collect(record, table.path, Number(record.id), null, expected);
  }
  const missing = [...expected].filter((k) => !pool.has(k));
  const extra = [...pool].filter((k) => !expected.has(k));
  const diffs: string[] = [];
  if (missing.length > 0 || extra.length > 0 || pool.size !== rows.length) {
    diffs.push(
      `${table.table}: ${missing.length} rows missing (${missing.slice(0, 3)}), ` +
        `${extra.length} extra (${extra.slice(0, 3)}), ` +
        `${rows.length - pool.size} duplicated`,
    );
  }
  return diffs;
}

function collect(
  element: Row,
  path: readonly string[],
  rootId: number,
  parentPosition: number | null,
  out: Set<string>,
): void {
  const [head, ...rest] = path;
  if (head === undefined) return;
  const list = element[head];
  if (!Array.isArray(list)) return;
  list.forEach((item: Row, position) => {
    if (rest.length === 0) {
      out.add(key(rootId, parentPosition, position, item.id));
    } else {
      collect(item, rest, rootId, position, out);
    }
  });
}

function key(
  root: unknown,
  parentPosition: unknown,
  position: unknown,
  id: unknown,
): string {
  const n = (v: unknown) => (v === null || v === undefined ? "-" : Number(v));
  return `${n(root)}/${n(parentPosition)}/${n(position)}/${n(id)}`;
}

function sameValue(pool: unknown, coupa: unknown): boolean {
  if (coupa === null || coupa === undefined || coupa === "") {
    return pool === null || pool === undefined || pool === "";
  }
  if (pool === null || pool === undefined) return false;
  const a = String(pool);
  const b = String(coupa);
  if (a === b) return true;
  const x = Number(a);
  const y = Number(b);
  return !Number.isNaN(x) && !Number.isNaN(y) && x === y;
}
