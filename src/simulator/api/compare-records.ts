import type { SimRecord } from "../data/simulator-data.js";
import type { ListQuery } from "../query/list-query.js";

/**
 * Order of two records for `order_by`/`dir`: by the field's type, nulls
 * first ascending (as MySQL sorts), ties broken by id ascending so
 * offset pages are stable.
 */
export function compareRecords(
  a: SimRecord,
  b: SimRecord,
  query: ListQuery,
): number {
  const order = compareValues(a[query.orderBy], b[query.orderBy], query);
  if (order !== 0) return query.descending ? -order : order;
  return Number(a.id) - Number(b.id);
}

function compareValues(x: unknown, y: unknown, query: ListQuery): number {
  const xNull = x === null || x === undefined;
  const yNull = y === null || y === undefined;
  if (xNull || yNull) return xNull === yNull ? 0 : xNull ? -1 : 1;
  const [a, b] = [sortKey(x, query), sortKey(y, query)];
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortKey(value: unknown, query: ListQuery): number | string {
  switch (query.orderType) {
    case "integer":
    case "decimal":
    case "float":
      return Number(value);
    case "datetime":
    case "date":
      return Date.parse(String(value));
    case "boolean":
      return value === true ? 1 : 0;
    default:
      return String(value);
  }
}
