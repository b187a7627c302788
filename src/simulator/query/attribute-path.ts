import type { FieldType } from "../../catalog/catalog-types.js";
import type { DefinitionIndex, IndexedDefinition } from "./definition-index.js";
import { toDashed } from "./query-names.js";

/** One step from a record to a value: a key, and whether it is a list. */
export interface PathStep {
  readonly key: string;
  /** True for nested collections: any element may match. */
  readonly many: boolean;
}

/** An attribute named in a query, resolved against the catalog. */
export interface ResolvedAttribute {
  readonly steps: readonly PathStep[];
  /** Type of the value; "unknown" for custom fields. */
  readonly type: FieldType | "unknown";
  /** Segments left after the attribute (the operator, if any). */
  readonly rest: readonly string[];
}

/**
 * Resolves `supplier[name]`, `invoice_lines[account][code]`,
 * `supplier_id` or `custom_fields[cf-x]` (as segments) from a record's
 * definition. Returns the first segment that names nothing, as a string,
 * when resolution fails.
 */
export function resolveAttribute(
  index: DefinitionIndex,
  definition: string,
  segments: readonly string[],
  topLevelKey: (key: string) => boolean,
): ResolvedAttribute | string {
  const steps: PathStep[] = [];
  let current = index.get(definition);

  for (let i = 0; i < segments.length; i++) {
    const name = toDashed(segments[i] ?? "");
    const rest = segments.slice(i + 1);
    const next = current && stepInto(current, name);

    if (next === undefined) {
      const custom = customOrForeignKey(current, name, steps, i, topLevelKey);
      if (!custom) return segments[i] ?? "";
      steps.push(...custom.steps);
      return { steps, type: custom.type, rest };
    }
    steps.push(next.step);
    if (next.type) return { steps, type: next.type, rest };
    if (next.step.key === "custom-fields") {
      return customField(steps, segments.slice(i + 1));
    }
    current = index.get(next.definition);
  }
  steps.push({ key: "id", many: false });
  return { steps, type: "integer", rest: [] };
}

interface Step {
  step: PathStep;
  type?: FieldType;
  definition?: string;
}

function stepInto(def: IndexedDefinition, name: string): Step | undefined {
  const type = def.fields.get(name);
  if (type) return { step: { key: name, many: false }, type };
  const association = def.associations.get(name);
  if (association) {
    const step = { key: name, many: false };
    return { step, definition: association.definition };
  }
  const element = def.collections.get(name);
  if (element) return { step: { key: name, many: true }, definition: element };
  if (name === "custom-fields") return { step: { key: name, many: false } };
  return undefined;
}

function customField(
  steps: PathStep[],
  rest: readonly string[],
): ResolvedAttribute | string {
  const [name, ...after] = rest;
  if (name === undefined) return "custom_fields";
  steps.push({ key: toDashed(name), many: false });
  return { steps, type: "unknown", rest: after };
}

function customOrForeignKey(
  current: IndexedDefinition | undefined,
  name: string,
  steps: readonly PathStep[],
  depth: number,
  topLevelKey: (key: string) => boolean,
): { steps: PathStep[]; type: FieldType | "unknown" } | undefined {
  if (name.endsWith("-id") && current) {
    const association = name.slice(0, -3);
    if (current.associations.has(association)) {
      return {
        steps: [
          { key: association, many: false },
          { key: "id", many: false },
        ],
        type: "integer",
      };
    }
  }
  if (depth === 0 && steps.length === 0 && topLevelKey(name)) {
    return { steps: [{ key: name, many: false }], type: "unknown" };
  }
  return undefined;
}
