import { getCatalog } from "../../../src/catalog/catalog.js";
import type { FieldType } from "../../../src/catalog/catalog-types.js";
import { createSimulatorData } from "../../../src/simulator/data/create-simulator-data.js";
import type {
  SimRecord,
  SimulatorData,
} from "../../../src/simulator/data/simulator-data.js";

/** The simulated clock of the tests: well after all base data. */
export const TEST_NOW = Date.UTC(2026, 10, 20, 8, 30, 15, 250);

/** A small tenant with a settable clock. */
export function smallTenant(seed = 7, size = 120) {
  const clock = { now: TEST_NOW };
  const data = createSimulatorData({ seed, size, now: () => clock.now });
  return { data, clock };
}

/** All live records of a resource, as a list. */
export function truth(data: SimulatorData, resource: string): SimRecord[] {
  return [...data.groundTruth(resource)];
}

/** Integer cents of a decimal string with exactly two places. */
export function cents(value: unknown): number {
  if (typeof value !== "string" || !/^-?\d+\.\d{2}$/.test(value)) {
    throw new Error(`not a two-place decimal string: ${String(value)}`);
  }
  return Number(value.replace(".", ""));
}

/** Epoch ms of a Coupa datetime string. */
export function instant(value: unknown): number {
  if (typeof value !== "string") throw new Error(`not a datetime: ${value}`);
  return Date.parse(value);
}

/** The objects of an embedded array. */
export function list(value: unknown): SimRecord[] {
  if (!Array.isArray(value)) throw new Error("not an array");
  return value as SimRecord[];
}

const DATETIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/;
const DATE = /^\d{4}-\d\d-\d\d$/;
const DECIMAL = /^-?\d+\.\d+$/;

/**
 * Problems of one record against its catalog definition: keys the
 * definition lacks (except `custom-fields` and the allowed legacy keys)
 * and values whose JSON type does not match the field's type, at any
 * depth. Polymorphic associations are checked as `UserSimple`.
 */
export function shapeProblems(
  record: SimRecord,
  definition: string,
  legacyKeys: readonly string[] = [],
  path = "",
): string[] {
  const def = getCatalog().definitions[definition];
  if (def === undefined) return [`${path}: no definition ${definition}`];
  const problems: string[] = [];
  for (const [key, value] of Object.entries(record)) {
    const at = `${path}${definition}.${key}`;
    if (key === "custom-fields" || legacyKeys.includes(key)) continue;
    const field = def.fields.find((f) => f.name === key);
    if (field) {
      if (!typeMatches(field.type, value)) problems.push(`${at}=${value}`);
      continue;
    }
    const association = def.associations.find((a) => a.name === key);
    if (association) {
      if (value === null) continue;
      const target = association.definition || "UserSimple";
      problems.push(
        ...shapeProblems(value as SimRecord, target, [], `${at} > `),
      );
      continue;
    }
    const collection = def.collections.find((c) => c.name === key);
    if (collection && Array.isArray(value)) {
      for (const item of value) {
        problems.push(
          ...shapeProblems(
            item as SimRecord,
            collection.definition,
            [],
            `${at}[] > `,
          ),
        );
      }
      continue;
    }
    problems.push(`${at}: not in the catalog`);
  }
  return problems;
}

function typeMatches(type: FieldType, value: unknown): boolean {
  if (value === null) return true;
  switch (type) {
    case "integer":
      return Number.isInteger(value);
    case "float":
      return typeof value === "number";
    case "decimal":
      return typeof value === "string" && DECIMAL.test(value);
    case "boolean":
      return typeof value === "boolean";
    case "datetime":
      return typeof value === "string" && DATETIME.test(value);
    case "date":
      return typeof value === "string" && DATE.test(value);
    case "string":
      return typeof value === "string";
    case "json":
      return true;
  }
}
