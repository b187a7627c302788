import type { FieldType } from "../../catalog/catalog-types.js";
import { SimulatorHttpError } from "../simulator-http-error.js";
import type { DefinitionIndex } from "./definition-index.js";
import {
  type FieldSelectionSpec,
  parseFieldSelection,
} from "./fields-projection.js";
import { toDashed } from "./query-names.js";
import type { ReturnObjectMode } from "./return-object.js";

/** Coupa's page size: the default and the maximum of `limit`. */
export const MAX_PAGE_SIZE = 50;

/** Paging, order and shape of a list answer. */
export interface ListQuery {
  readonly limit: number;
  readonly offset: number;
  /** Dashed field to order by; `id` by default. */
  readonly orderBy: string;
  readonly orderType: FieldType | "unknown";
  readonly descending: boolean;
  readonly fields?: FieldSelectionSpec;
  readonly returnObject?: ReturnObjectMode;
}

/** What parsing needs to know about the resource. */
export interface ListQueryContext {
  readonly index: DefinitionIndex;
  readonly definition: string;
  readonly errorKey: string;
  readonly json: boolean;
}

/**
 * Reads `limit` (default and maximum 50; larger values are capped),
 * `offset`, `order_by`, `dir`, `fields` and `return_object`.
 *
 * @throws SimulatorHttpError 400 naming the parameter and its bad value
 */
export function parseListQuery(
  query: ReadonlyArray<readonly [string, string]>,
  context: ListQueryContext,
): ListQuery {
  const get = (name: string) => query.findLast(([k]) => k === name)?.[1];
  const fail = (message: string) =>
    SimulatorHttpError.coupa(
      400,
      "INVALID_QUERY",
      context.errorKey,
      message,
      context.json,
    );

  const limit = count(get("limit"), "limit", 1, fail) ?? MAX_PAGE_SIZE;
  const offset = count(get("offset"), "offset", 0, fail) ?? 0;
  const orderBy = toDashed(get("order_by") ?? "id");
  const orderType = context.index.get(context.definition)?.fields.get(orderBy);
  if (!orderType) {
    throw fail(
      `Cannot order by "${get("order_by")}": not a field of this ` +
        "resource. Use e.g. order_by=id or order_by=updated_at.",
    );
  }
  const dir = (get("dir") ?? "asc").toLowerCase();
  if (dir !== "asc" && dir !== "desc") {
    throw fail(`Invalid value "${dir}" for dir: expected asc or desc.`);
  }

  return {
    limit: Math.min(limit, MAX_PAGE_SIZE),
    offset,
    orderBy,
    orderType,
    descending: dir === "desc",
    ...fieldsOf(get("fields"), fail),
    ...returnObjectOf(get("return_object"), fail),
  };
}

function count(
  value: string | undefined,
  name: string,
  min: number,
  fail: (message: string) => SimulatorHttpError,
): number | undefined {
  if (value === undefined || value === "") return undefined;
  if (/^\d+$/.test(value) && Number(value) >= min) return Number(value);
  throw fail(
    `Invalid value "${value}" for ${name}: expected an integer ≥ ${min}.`,
  );
}

function fieldsOf(
  value: string | undefined,
  fail: (message: string) => SimulatorHttpError,
): { fields?: FieldSelectionSpec } {
  if (value === undefined) return {};
  const fields = parseFieldSelection(value);
  if (fields) return { fields };
  throw fail(
    `Invalid value for fields: ${value}. Expected a JSON array such as ` +
      '["id",{"supplier":["id","name"]}], URL-encoded.',
  );
}

function returnObjectOf(
  value: string | undefined,
  fail: (message: string) => SimulatorHttpError,
): { returnObject?: ReturnObjectMode } {
  if (value === undefined) return {};
  if (value === "limited" || value === "shallow")
    return { returnObject: value };
  throw fail(
    `Invalid value "${value}" for return_object on a read: ` +
      "expected limited or shallow.",
  );
}
