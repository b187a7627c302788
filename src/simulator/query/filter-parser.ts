import type { FieldType } from "../../catalog/catalog-types.js";
import { SimulatorHttpError } from "../simulator-http-error.js";
import { resolveAttribute } from "./attribute-path.js";
import type { DefinitionIndex } from "./definition-index.js";
import type { FilterCondition, FilterValue } from "./filter-condition.js";
import {
  FILTER_OPERATORS,
  type FilterOperator,
  isFilterOperator,
  TEXT_OPERATORS,
} from "./filter-operator.js";
import { parseQueryInstant } from "./parse-query-instant.js";

/** Query parameters that shape the answer rather than filter it. */
export const RESERVED_PARAMETERS: ReadonlySet<string> = new Set([
  "limit",
  "offset",
  "order_by",
  "dir",
  "fields",
  "return_object",
  "filter",
  "show_deleted_lines",
]);

/** What the parser needs to know about the resource being queried. */
export interface FilterContext {
  readonly index: DefinitionIndex;
  readonly definition: string;
  /** Key of Coupa's error body, e.g. `invoice`. */
  readonly errorKey: string;
  readonly json: boolean;
  /** Whether a record carries a top-level key the catalog lacks. */
  readonly topLevelKey: (key: string) => boolean;
}

const PARAMETER = /^([^[\]]+)((?:\[[^[\]]*\])*)$/;

/**
 * Turns the filter parameters of a list query into typed conditions
 * (ANDed by the caller).
 *
 * @throws SimulatorHttpError 400 naming the parameter: unknown attribute
 * or operator, text operator on a datetime, or a malformed value
 */
export function parseFilters(
  query: ReadonlyArray<readonly [string, string]>,
  context: FilterContext,
): FilterCondition[] {
  const conditions: FilterCondition[] = [];
  for (const [parameter, value] of query) {
    if (RESERVED_PARAMETERS.has(parameter)) continue;
    conditions.push(parseOne(parameter, value, context));
  }
  return conditions;
}

function parseOne(
  parameter: string,
  raw: string,
  context: FilterContext,
): FilterCondition {
  const fail = (message: string) =>
    SimulatorHttpError.coupa(
      400,
      "INVALID_QUERY",
      context.errorKey,
      message,
      context.json,
    );
  const match = PARAMETER.exec(parameter);
  if (!match) throw fail(`Malformed query parameter "${parameter}".`);
  const segments = [
    match[1] ?? "",
    ...[...(match[2] ?? "").matchAll(/\[([^\]]*)\]/g)].map((m) => m[1] ?? ""),
  ];

  const attribute = resolveAttribute(
    context.index,
    context.definition,
    segments,
    context.topLevelKey,
  );
  if (typeof attribute === "string") {
    throw fail(
      `Unknown attribute "${attribute}" in query parameter "${parameter}".`,
    );
  }
  const operator = operatorOf(attribute.rest, parameter, fail);
  if (isTimeType(attribute.type) && TEXT_OPERATORS.has(operator)) {
    throw fail(
      `Operator "${operator}" is not available on datetime fields ` +
        `(query parameter "${parameter}"); use gt, lt, gt_or_eq or lt_or_eq.`,
    );
  }

  const values = splitValues(operator, raw).map((value) =>
    typedValue(value, operator, attribute.type, parameter, fail),
  );
  const { steps, type } = attribute;
  return { parameter, steps, type, operator, values };
}

function operatorOf(
  rest: readonly string[],
  parameter: string,
  fail: (message: string) => SimulatorHttpError,
): FilterOperator {
  if (rest.length === 0) return "exact";
  const [name = ""] = rest;
  if (rest.length > 1 || !isFilterOperator(name)) {
    throw fail(
      `Unknown operator "${rest.join("][")}" in query parameter ` +
        `"${parameter}". Known operators: ${FILTER_OPERATORS.join(", ")}.`,
    );
  }
  return name;
}

function splitValues(operator: FilterOperator, raw: string): string[] {
  return operator === "in" || operator === "not_in" ? raw.split(",") : [raw];
}

function typedValue(
  value: string,
  operator: FilterOperator,
  type: FieldType | "unknown",
  parameter: string,
  fail: (message: string) => SimulatorHttpError,
): FilterValue {
  const bad = (expected: string) =>
    fail(
      `Invalid value "${value}" for query parameter "${parameter}": ` +
        `expected ${expected}.`,
    );
  if (operator === "blank") {
    if (value === "true" || value === "false") return value === "true";
    throw bad("true or false");
  }
  if (TEXT_OPERATORS.has(operator)) return value;

  switch (type) {
    case "integer":
      if (/^-?\d+$/.test(value)) return Number(value);
      throw bad("an integer");
    case "decimal":
    case "float":
      if (/^-?\d+(\.\d+)?$/.test(value)) return Number(value);
      throw bad("a number");
    case "boolean":
      if (value === "true" || value === "1") return true;
      if (value === "false" || value === "0") return false;
      throw bad("true or false");
    case "datetime":
    case "date":
      return instant(value, bad);
    default:
      return value;
  }
}

function instant(
  value: string,
  bad: (expected: string) => SimulatorHttpError,
): number {
  const ms = parseQueryInstant(value);
  if (ms !== undefined) return ms;
  throw bad(
    "an ISO 8601 date or datetime with offset, e.g. " +
      "2025-03-01T00:00:00-08:00 (encode + as %2B)",
  );
}

function isTimeType(type: FieldType | "unknown"): boolean {
  return type === "datetime" || type === "date";
}
