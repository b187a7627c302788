import type { SimRecord } from "../data/simulator-data.js";
import type { DefinitionIndex } from "./definition-index.js";

/** Values of `return_object` the simulator serves on reads. */
export type ReturnObjectMode = "limited" | "shallow";

/**
 * Shapes a record for `return_object`: `limited` keeps only the id;
 * `shallow` keeps scalars, reduces associations to id and natural keys,
 * and collections to `{id}` stubs (with `external-src-ref` if present).
 */
export function shapeReturnObject(
  record: SimRecord,
  mode: ReturnObjectMode,
  index: DefinitionIndex,
  definition: string,
): SimRecord {
  if (mode === "limited") return { id: record.id };
  const associations = index.get(definition)?.associations;
  const out: SimRecord = {};
  for (const [key, value] of Object.entries(record)) {
    if (Array.isArray(value)) out[key] = value.map(stub);
    else if (value === null || typeof value !== "object") out[key] = value;
    else if (key === "custom-fields") out[key] = value;
    else {
      const keys = associations?.get(key)?.naturalKeys ?? [];
      out[key] = pick(value as SimRecord, ["id", ...keys]);
    }
  }
  return out;
}

function stub(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  return pick(value as SimRecord, ["id", "external-src-ref"]);
}

function pick(source: SimRecord, keys: readonly string[]): SimRecord {
  const out: SimRecord = {};
  for (const key of keys) if (key in source) out[key] = source[key];
  return out;
}
