/**
 * Builds the run-time resource catalog from Coupa's published API schemas.
 *
 * Reads `../shared/reference/coupa-catalog.json` (itself derived from the
 * R39 specs) and checks it against the spec files it names, then writes
 * `src/catalog/generated/<release>.json` in the compact shape of
 * `src/catalog/catalog-types.ts`. Run with `npm run catalog`.
 */
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type {
  Catalog,
  CatalogAssociation,
  CatalogCollection,
  CatalogDefinition,
  CatalogField,
  CatalogResource,
} from "../src/catalog/catalog-types.js";

interface SourceField {
  name: string;
  type: string;
  format?: string;
  enum?: string[];
  polymorphic?: boolean;
}
interface SourceNested {
  name: string;
  definition: string | null;
  kind: "object" | "array";
  selfReference?: boolean;
}
interface SourceShape {
  primaryKey: string;
  fields: SourceField[];
  nested: SourceNested[];
}
interface SourceResource extends SourceShape {
  endpoint: string | null;
  definition: string | null;
  scope: string;
  updatedAtField: string | null;
  createdAtField?: string | null;
  xmlListRoot?: string | null;
  xmlItemRoot?: string | null;
  documentedValues?: Record<string, unknown>;
  embeddedIn?: { resource: string; property: string };
}
interface SourceCatalog {
  meta: { release: string; specFiles: { file: string; sha256: string }[] };
  resources: Record<string, SourceResource>;
  definitions: Record<string, SourceShape>;
}

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "..");
const reference = resolve(root, "../shared/reference");

/** Fields preferred as natural keys of an association, best first. */
const NATURAL_KEYS = ["code", "name", "login", "number", "email"];

/** Resources that have no usable list shape of their own in the specs. */
const SKIPPED = new Set(["purchase_order_revisions"]);

function fieldType(field: SourceField): Omit<CatalogField, "name"> {
  const format = field.format ?? "";
  const sized = /^(\w+)\((\d+)(?:,(\d+))?\)$/.exec(format);
  switch (field.type) {
    case "integer":
      return { type: "integer" };
    case "boolean":
      return { type: "boolean" };
    case "number":
      if (format.startsWith("decimal")) {
        return sized
          ? {
              type: "decimal",
              precision: Number(sized[2]),
              scale: Number(sized[3] ?? 0),
            }
          : { type: "decimal" };
      }
      return { type: "float" };
    case "object":
      return { type: "json" };
    default:
      if (format === "datetime") return { type: "datetime" };
      if (format === "date") return { type: "date" };
      if (sized?.[1] === "string") {
        return { type: "string", maxLength: Number(sized[2]) };
      }
      return { type: "string" };
  }
}

function toField(field: SourceField): CatalogField {
  const typed = fieldType(field);
  return field.enum?.length
    ? { name: field.name, ...typed, enum: field.enum }
    : { name: field.name, ...typed };
}

function naturalKeys(definition: SourceShape | undefined): string[] {
  if (!definition) return [];
  const names = new Set(definition.fields.map((f) => f.name));
  return NATURAL_KEYS.filter((key) => names.has(key)).slice(0, 2);
}

function toDefinition(
  name: string,
  shape: SourceShape,
  source: SourceCatalog,
): CatalogDefinition {
  const usable = shape.nested.filter((n) => n.definition && !n.selfReference);
  const associations: CatalogAssociation[] = usable
    .filter((n) => n.kind === "object")
    .map((n) => ({
      name: n.name,
      definition: n.definition as string,
      naturalKeys: naturalKeys(source.definitions[n.definition as string]),
    }));
  const polymorphic: CatalogAssociation[] = shape.fields
    .filter((f) => f.polymorphic)
    .map((f) => ({
      name: f.name,
      definition: "",
      naturalKeys: [],
      polymorphic: true,
    }));
  const collections: CatalogCollection[] = usable
    .filter((n) => n.kind === "array")
    .map((n) => ({ name: n.name, definition: n.definition as string }));
  return {
    name,
    primaryKey: shape.primaryKey ?? "id",
    fields: shape.fields.filter((f) => !f.polymorphic).map(toField),
    associations: [...associations, ...polymorphic],
    collections,
  };
}

function stringLists(
  values: Record<string, unknown> | undefined,
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [key, value] of Object.entries(values ?? {})) {
    if (Array.isArray(value)) out[key] = value.map(String);
  }
  return out;
}

function toResource(name: string, r: SourceResource): CatalogResource {
  const definition = r.definition as string;
  const nestedParam = r.endpoint ? /\{(\w+)\}/.exec(r.endpoint) : null;
  const item = r.xmlItemRoot ?? name.replace(/s$/, "").replaceAll("_", "-");
  const base = {
    name,
    endpoint: r.endpoint,
    definition,
    scope: r.scope,
    primaryKey: r.primaryKey,
    updatedAtField: r.updatedAtField,
    createdAtField: r.createdAtField ?? null,
    xmlListRoot: r.xmlListRoot ?? `${item}s`,
    xmlItemRoot: item,
    documentedValues: stringLists(r.documentedValues),
  };
  if (nestedParam?.[1]) {
    const parent = nestedParam[1].replace(/_id$/, "s");
    return {
      ...base,
      parent: { resource: parent, pathParameter: nestedParam[1] },
    };
  }
  if (r.embeddedIn) {
    const { resource, property } = r.embeddedIn;
    return { ...base, embeddedIn: { resource, property } };
  }
  return base;
}

function checkSpecs(source: SourceCatalog): void {
  for (const spec of source.meta.specFiles) {
    const bytes = readFileSync(join(reference, "coupa-r39-specs", spec.file));
    const sha = createHash("sha256").update(bytes).digest("hex");
    if (sha !== spec.sha256) {
      throw new Error(
        `${spec.file} does not match the catalog it was derived from ` +
          `(sha256 ${sha}, expected ${spec.sha256}). Re-derive the catalog.`,
      );
    }
  }
}

function build(source: SourceCatalog): Catalog {
  const resources: Record<string, CatalogResource> = {};
  const definitions: Record<string, CatalogDefinition> = {};
  for (const [name, r] of Object.entries(source.resources)) {
    if (SKIPPED.has(name) || !r.definition) continue;
    resources[name] = toResource(name, r);
    definitions[r.definition] = toDefinition(r.definition, r, source);
  }
  for (const [name, shape] of Object.entries(source.definitions)) {
    definitions[name] ??= toDefinition(name, shape, source);
  }
  return { apiVersion: source.meta.release, resources, definitions };
}

const source = JSON.parse(
  readFileSync(join(reference, "coupa-catalog.json"), "utf8"),
) as SourceCatalog;
checkSpecs(source);
const catalog = build(source);
const out = join(root, "src/catalog/generated", `${catalog.apiVersion}.json`);
writeFileSync(out, `${JSON.stringify(catalog, null, 1)}\n`);
console.log(
  `wrote ${out}: ${Object.keys(catalog.resources).length} resources, ` +
    `${Object.keys(catalog.definitions).length} definitions`,
);
