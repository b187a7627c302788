import type { SimRecord } from "../data/simulator-data.js";
import { toDashed } from "./query-names.js";

/**
 * A parsed `fields` selection: names, and nested selections keyed by
 * association or collection. `custom-fields` maps to `"all"` or a list.
 */
export type FieldSelectionSpec = readonly FieldSelectionItem[];

/** One item of a `fields` selection. */
export type FieldSelectionItem =
  | { readonly key: string }
  | { readonly key: string; readonly nested: FieldSelectionSpec }
  | { readonly key: "custom-fields"; readonly custom: "all" | string[] };

/**
 * Parses the `fields` parameter: URL-decoded JSON such as
 * `["id",{"supplier":["id","name"]},{"custom_fields":{}}]`. For custom
 * fields `{}` (Coupa's spelling) and `[]` both select all of them.
 * Undefined when the value is not such a selection.
 */
export function parseFieldSelection(
  value: string,
): FieldSelectionSpec | undefined {
  try {
    return toSpec(JSON.parse(value));
  } catch {
    return undefined;
  }
}

function toSpec(value: unknown): FieldSelectionSpec {
  if (!Array.isArray(value)) throw new TypeError("not an array");
  return value.flatMap((item): FieldSelectionItem[] => {
    if (typeof item === "string") return [{ key: toDashed(item) }];
    if (item === null || typeof item !== "object" || Array.isArray(item)) {
      throw new TypeError("not a name or an object");
    }
    return Object.entries(item).map(([name, nested]) =>
      nestedItem(name, nested),
    );
  });
}

function nestedItem(name: string, nested: unknown): FieldSelectionItem {
  const key = toDashed(name);
  if (key !== "custom-fields") return { key, nested: toSpec(nested) };
  if (Array.isArray(nested) && nested.length > 0) {
    if (!nested.every((n) => typeof n === "string")) {
      throw new TypeError("custom field names must be strings");
    }
    return { key, custom: nested.map(toDashed) };
  }
  if (Array.isArray(nested) || isObject(nested)) return { key, custom: "all" };
  throw new TypeError("custom_fields takes {} or a list of names");
}

function isObject(value: unknown): boolean {
  return value !== null && typeof value === "object";
}

/** Keeps only the selected keys of a record, recursively. */
export function projectFields(
  record: SimRecord,
  spec: FieldSelectionSpec,
): SimRecord {
  const out: SimRecord = {};
  for (const item of spec) {
    if (!(item.key in record)) continue;
    const value = record[item.key];
    if ("custom" in item) out[item.key] = pickCustom(value, item.custom);
    else if ("nested" in item) out[item.key] = nestedValue(value, item.nested);
    else out[item.key] = value;
  }
  return out;
}

function nestedValue(value: unknown, spec: FieldSelectionSpec): unknown {
  if (Array.isArray(value)) {
    return value.map((element) => nestedValue(element, spec));
  }
  if (value === null || typeof value !== "object") return value;
  return projectFields(value as SimRecord, spec);
}

function pickCustom(value: unknown, names: "all" | string[]): unknown {
  if (names === "all" || value === null || typeof value !== "object") {
    return value;
  }
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const name of names) if (name in source) out[name] = source[name];
  return out;
}
