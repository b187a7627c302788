import type {
  Catalog,
  CatalogDefinition,
  FieldType,
} from "../catalog/catalog-types.js";
import { closeMatches } from "../normalize/close-matches.js";

/** Coupa's filter operators; a condition without one is an exact match. */
export const FILTER_OPERATORS: readonly string[] = [
  "contains",
  "starts_with",
  "ends_with",
  "blank",
  "gt",
  "lt",
  "gt_or_eq",
  "lt_or_eq",
  "not_eq",
  "in",
  "not_in",
];

/** Operators Coupa refuses on datetime fields. */
const TEXT_OPERATORS = new Set([
  "contains",
  "starts_with",
  "ends_with",
  "blank",
]);

/** Query parameters the extractor sets itself on every page. */
const RESERVED = new Set([
  "order_by",
  "dir",
  "limit",
  "offset",
  "fields",
  "return_object",
]);

/** What a condition's key points at, once resolved through the catalog. */
type Target = { kind: "typed"; type: FieldType } | { kind: "untyped" };

/**
 * Checks filter conditions of one resource against the catalog before any
 * request is sent: the key's shape, every name along an association or
 * collection path (dashed or underscored), the operator, and values that
 * cannot fit the field (a non-number for an integer, a text operator on a
 * datetime). Returns one message per problem, each naming the condition
 * and the fix; empty when all is well.
 *
 * @example
 * validateFilterConditions(catalog, "invoices", [["status[in]", "approved"]]); // []
 */
export function validateFilterConditions(
  catalog: Catalog,
  resource: string,
  conditions: readonly (readonly [string, string])[],
): string[] {
  const definitionName = catalog.resources[resource]?.definition ?? "";
  const root = catalog.definitions[definitionName];
  if (!root) return [];
  return conditions.flatMap(([key, value]) =>
    checkCondition(catalog, root, resource, key, value),
  );
}

function checkCondition(
  catalog: Catalog,
  root: CatalogDefinition,
  resource: string,
  key: string,
  value: string,
): string[] {
  const where = `filter "${key}=${value}" of table ${resource}`;
  const segments = splitKey(key);
  if (!segments) {
    return [
      `${where}: "${key}" is not a field path: write <field>[<operator>] ` +
        "or <association>[<field>][<operator>], e.g. supplier[name][starts_with]",
    ];
  }
  if (RESERVED.has(segments[0] ?? "")) {
    return [
      `${where}: "${segments[0]}" is set by the extractor itself; ` +
        "remove it from the filter",
    ];
  }

  const last = segments.at(-1) ?? "";
  const operator = FILTER_OPERATORS.includes(last) ? last : undefined;
  if (!operator && segments.length > 1) {
    const head = resolvePath(catalog, root, segments.slice(0, -1));
    if (typeof head !== "string") {
      return [
        `${where}: unknown operator "${last}"; use one of ` +
          `${FILTER_OPERATORS.join(", ")} (or none for an exact match)`,
      ];
    }
  }

  const path = operator ? segments.slice(0, -1) : segments;
  const resolved = resolvePath(catalog, root, path);
  if (typeof resolved === "string") return [`${where}: ${resolved}`];
  return checkValue(where, resolved, operator, value);
}

function splitKey(key: string): string[] | undefined {
  const match = /^([A-Za-z0-9_-]+)((?:\[[A-Za-z0-9_-]+\])*)$/.exec(key);
  if (!match) return undefined;
  const rest = [...(match[2] ?? "").matchAll(/\[([A-Za-z0-9_-]+)\]/g)];
  return [match[1] ?? "", ...rest.map((m) => m[1] ?? "")];
}

function resolvePath(
  catalog: Catalog,
  root: CatalogDefinition,
  path: readonly string[],
): Target | string {
  let definition: CatalogDefinition | undefined = root;
  for (const [index, segment] of path.entries()) {
    if (!definition) return { kind: "untyped" };
    const isLast = index === path.length - 1;
    const step = resolveSegment(catalog, definition, segment, isLast);
    if (typeof step === "string") return step;
    if ("target" in step) return step.target;
    definition = step.next;
  }
  return `"${path.join(".")}" names ${definition?.name ?? "an object"}, not a field: add one of its fields, e.g. [id]`;
}

type Step = { target: Target } | { next: CatalogDefinition | undefined };

function resolveSegment(
  catalog: Catalog,
  definition: CatalogDefinition,
  segment: string,
  isLast: boolean,
): Step | string {
  const name = segment.replace(/_/g, "-");
  const field = definition.fields.find((f) => f.name === name);
  if (field) {
    return isLast
      ? { target: { kind: "typed", type: field.type } }
      : `"${segment}" is a field of ${definition.name}, not an association: remove what follows it`;
  }
  if (name === "custom-fields" || name.startsWith("custom-field-")) {
    return { target: { kind: "untyped" } };
  }
  const association = definition.associations.find((a) => a.name === name);
  if (association) {
    if (association.polymorphic) return { target: { kind: "untyped" } };
    return { next: catalog.definitions[association.definition] };
  }
  const collection = definition.collections.find((c) => c.name === name);
  if (collection) return { next: catalog.definitions[collection.definition] };
  if (name.endsWith("-id") && isLast) {
    const owner = name.slice(0, -3);
    if (definition.associations.some((a) => a.name === owner)) {
      return { target: { kind: "typed", type: "integer" } };
    }
  }
  return unknownName(definition, segment);
}

function unknownName(definition: CatalogDefinition, segment: string): string {
  const names = [
    ...definition.fields.map((f) => f.name),
    ...definition.associations.map((a) => a.name),
    ...definition.collections.map((c) => c.name),
  ].map((n) => n.replace(/-/g, "_"));
  const close = closeMatches(segment, names);
  const hint =
    close.length > 0
      ? `did you mean ${close.join(", ")}?`
      : "see the catalog for its fields (coupa-extractor catalog lists them)";
  return `unknown field "${segment}": ${definition.name} has no field, association or collection of that name; ${hint}`;
}

function checkValue(
  where: string,
  target: Target,
  operator: string | undefined,
  value: string,
): string[] {
  if (operator === "blank" && value !== "true" && value !== "false") {
    return [`${where}: [blank] takes true or false, not "${value}"`];
  }
  if (target.kind !== "typed") return [];
  return checkTypedValue(where, target.type, operator, value);
}

function checkTypedValue(
  where: string,
  type: FieldType,
  operator: string | undefined,
  value: string,
): string[] {
  const values =
    operator === "in" || operator === "not_in" ? value.split(",") : [value];
  if (type === "datetime" || type === "date") {
    if (operator && TEXT_OPERATORS.has(operator)) {
      return [
        `${where}: Coupa refuses [${operator}] on datetime fields; ` +
          "use gt, lt, gt_or_eq or lt_or_eq with an ISO 8601 time",
      ];
    }
    const bad = values.filter((v) => Number.isNaN(Date.parse(v)));
    return bad.map(
      (v) =>
        `${where}: "${v}" is not a date; write ISO 8601, e.g. 2025-01-31T00:00:00+00:00`,
    );
  }
  if (type === "integer" && operator !== "blank") {
    const textual = operator && TEXT_OPERATORS.has(operator);
    const bad = textual ? [] : values.filter((v) => !/^-?\d+$/.test(v.trim()));
    return bad.map((v) => `${where}: "${v}" is not an integer`);
  }
  return [];
}
