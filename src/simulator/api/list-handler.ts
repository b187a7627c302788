import type { CatalogResource } from "../../catalog/catalog-types.js";
import { JSON_TYPE, XML_TYPE } from "../content-types.js";
import type { ScanOptions, SimRecord } from "../data/simulator-data.js";
import type { FilterCondition } from "../query/filter-condition.js";
import { matchesAll } from "../query/filter-matcher.js";
import { parseFilters } from "../query/filter-parser.js";
import { type ListQuery, parseListQuery } from "../query/list-query.js";
import { scanHints } from "../query/scan-hints.js";
import { singularize } from "../render/singularize.js";
import type { SimRequest, SimResponse } from "../sim-exchange.js";
import { xmlErrors } from "../simulator-http-error.js";
import type { ApiContext } from "./api-context.js";
import { compareRecords } from "./compare-records.js";
import { shapeRecord } from "./shape-record.js";

/** The list being read: a resource, or a child list of one parent. */
export interface ListTarget {
  readonly resource: CatalogResource;
  readonly parentId?: number;
}

/**
 * `GET /api/<resource>`: filters, order, offset paging (50 at most) and
 * shaping, rendered as a bare JSON array or Coupa XML. Nothing found is
 * JSON 200 `[]` (404 `[]` behind a switch) or XML 404 with Coupa's
 * "No results" errors document.
 *
 * @throws SimulatorHttpError 400 for a bad filter or paging parameter
 */
export function handleList(
  target: ListTarget,
  request: SimRequest,
  json: boolean,
  context: ApiContext,
): SimResponse {
  const { resource } = target;
  const errorKey = singularize(resource.name);
  const base = { index: context.index, definition: resource.definition };
  const conditions = parseFilters(request.query, {
    ...base,
    errorKey,
    json,
    topLevelKey: (key) => sampleHas(target, key, context),
  });
  const query = parseListQuery(request.query, { ...base, errorKey, json });

  const page = selectPage(target, conditions, query, context).map((record) =>
    shapeRecord(record, query, context.index, resource.definition),
  );
  return json ? jsonList(page, context) : xmlList(page, resource, context);
}

function selectPage(
  target: ListTarget,
  conditions: readonly FilterCondition[],
  query: ListQuery,
  context: ApiContext,
): SimRecord[] {
  const hints = scanHints(conditions, target.resource.updatedAtField);
  if (query.orderBy !== "id") {
    return sortedPage(target, conditions, hints, query, context);
  }

  const ordered = { ...hints, descending: query.descending };
  const page: SimRecord[] = [];
  let skipped = 0;
  for (const record of records(target, ordered, context)) {
    if (!matchesAll(record, conditions)) continue;
    if (skipped++ < query.offset) continue;
    page.push(record);
    if (page.length === query.limit) break;
  }
  return page;
}

/**
 * Orders by another field. Only the sort value and id of each match are
 * kept while scanning, so a large tenant is never held in memory; the
 * page's records are fetched again by id.
 */
function sortedPage(
  target: ListTarget,
  conditions: readonly FilterCondition[],
  hints: ScanOptions,
  query: ListQuery,
  context: ApiContext,
): SimRecord[] {
  const keys: SimRecord[] = [];
  for (const record of records(target, hints, context)) {
    if (!matchesAll(record, conditions)) continue;
    keys.push({ id: record.id, [query.orderBy]: record[query.orderBy] });
  }
  keys.sort((a, b) => compareRecords(a, b, query));
  const ids = keys
    .slice(query.offset, query.offset + query.limit)
    .map((key) => key.id as number);
  return fetchByIds(target, ids, context);
}

function fetchByIds(
  target: ListTarget,
  ids: readonly number[],
  context: ApiContext,
): SimRecord[] {
  const name = target.resource.name;
  if (target.parentId === undefined) {
    return ids.flatMap((id): SimRecord[] => {
      const record = context.data.get(name, id);
      return record ? [record] : [];
    });
  }
  const byId = new Map<unknown, SimRecord>();
  for (const child of context.data.children(name, target.parentId)) {
    byId.set(child.id, child);
  }
  return ids.flatMap((id): SimRecord[] => {
    const record = byId.get(id);
    return record ? [record] : [];
  });
}

function records(
  target: ListTarget,
  hints: ScanOptions,
  context: ApiContext,
): Iterable<SimRecord> {
  const name = target.resource.name;
  if (target.parentId === undefined) return context.data.scan(name, hints);
  const children = [...context.data.children(name, target.parentId)];
  children.sort((a, b) => Number(a.id) - Number(b.id));
  return hints.descending ? children.reverse() : children;
}

function sampleHas(
  target: ListTarget,
  key: string,
  context: ApiContext,
): boolean {
  for (const record of records(target, {}, context)) return key in record;
  return false;
}

function jsonList(page: SimRecord[], context: ApiContext): SimResponse {
  const status = page.length === 0 && context.emptyJson404() ? 404 : 200;
  const body = JSON.stringify(page);
  const headers = { "content-type": JSON_TYPE };
  return { status, headers, body, records: page.length };
}

function xmlList(
  page: SimRecord[],
  resource: CatalogResource,
  context: ApiContext,
): SimResponse {
  const headers = { "content-type": XML_TYPE };
  if (page.length === 0) {
    const body = xmlErrors("No results match your search criteria.");
    return { status: 404, headers, body, records: 0 };
  }
  const body = context.xml.list(
    page,
    resource.xmlListRoot,
    resource.xmlItemRoot,
    resource.definition,
  );
  return { status: 200, headers, body, records: page.length };
}
