import type { SimRecord } from "../data/simulator-data.js";
import type { PathStep } from "./attribute-path.js";
import type { FilterCondition, FilterValue } from "./filter-condition.js";

/** True when the record satisfies every condition (Coupa ANDs them). */
export function matchesAll(
  record: SimRecord,
  conditions: readonly FilterCondition[],
): boolean {
  for (const condition of conditions) {
    if (!matchesAt(record, condition.steps, 0, condition)) return false;
  }
  return true;
}

/** Walks the path; through collections any element may match. */
function matchesAt(
  value: unknown,
  steps: readonly PathStep[],
  depth: number,
  condition: FilterCondition,
): boolean {
  if (Array.isArray(value)) {
    return value.some((item) => matchesAt(item, steps, depth, condition));
  }
  if (depth === steps.length) return test(value, condition);
  if (value === null || typeof value !== "object") {
    return test(undefined, condition);
  }
  const step = steps[depth] as PathStep;
  const next = (value as Record<string, unknown>)[step.key];
  return matchesAt(next, steps, depth + 1, condition);
}

function test(raw: unknown, condition: FilterCondition): boolean {
  const blank = raw === null || raw === undefined || raw === "";
  const { operator, values } = condition;
  if (operator === "blank") return blank === values[0];
  if (blank && raw !== "") return false;

  const first = values[0] as FilterValue;
  switch (operator) {
    case "contains":
      return String(raw).includes(String(first));
    case "starts_with":
      return String(raw).startsWith(String(first));
    case "ends_with":
      return String(raw).endsWith(String(first));
    case "in":
      return values.some((v) => compare(raw, v, condition) === 0);
    case "not_in":
      return values.every((v) => compare(raw, v, condition) !== 0);
    default:
      return byOrder(compare(raw, first, condition), operator);
  }
}

function byOrder(order: number, operator: string): boolean {
  if (Number.isNaN(order)) return false;
  switch (operator) {
    case "gt":
      return order > 0;
    case "lt":
      return order < 0;
    case "gt_or_eq":
      return order >= 0;
    case "lt_or_eq":
      return order <= 0;
    case "not_eq":
      return order !== 0;
    default:
      return order === 0;
  }
}

/** Orders a record value against a query value; NaN when incomparable. */
function compare(
  raw: unknown,
  query: FilterValue,
  condition: FilterCondition,
): number {
  switch (condition.type) {
    case "integer":
    case "decimal":
    case "float":
      return Number(raw) - (query as number);
    case "datetime":
    case "date":
      return Date.parse(String(raw)) - (query as number);
    case "boolean":
      return (raw === true || raw === "true") === query ? 0 : 1;
    default:
      return compareLoose(raw, query);
  }
}

function compareLoose(raw: unknown, query: FilterValue): number {
  if (typeof raw === "number" || typeof raw === "boolean") {
    const text = String(raw);
    if (typeof raw === "number" && /^-?\d+(\.\d+)?$/.test(String(query))) {
      return raw - Number(query);
    }
    return text === String(query) ? 0 : text < String(query) ? -1 : 1;
  }
  const text = typeof raw === "string" ? raw : JSON.stringify(raw);
  const other = String(query);
  return text === other ? 0 : text < other ? -1 : 1;
}
