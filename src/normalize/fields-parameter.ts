import type { Catalog, CatalogDefinition } from "../catalog/catalog-types.js";
import { snakeCase } from "./snake-case.js";
import { planTableLayout } from "./table-layout.js";
import type { FieldSelection, TableSettings } from "./table-settings.js";

type Pushed = string | { [nested: string]: Pushed[] | Record<string, never> };

/**
 * The JSON for Coupa's `fields=` query parameter, so Coupa sends only the
 * selected columns. Adds what the pool needs to stay joinable: `id` and
 * `updated_at` of the record, the `id` (and natural keys, when none are
 * named) of each selected association, and the `id` of each selected
 * collection's elements. Undefined when `settings.columns` is unset: all
 * fields, which is also what Coupa answers without the parameter.
 *
 * @throws UnknownColumnError for a selected column the catalog lacks.
 * @example
 * fieldsParameter({ ...settings, columns: ["invoice_number", "supplier"] }, catalog);
 * // '["id","updated_at","invoice_number",{"supplier":["id","name","number"]}]'
 */
export function fieldsParameter(
  settings: TableSettings,
  catalog: Catalog,
): string | undefined {
  if (settings.columns === undefined) return undefined;
  planTableLayout(settings, catalog);
  const resource = catalog.resources[settings.resource];
  const definition = resource && catalog.definitions[resource.definition];
  if (!definition) return undefined;
  return JSON.stringify(pushed(catalog, definition, settings.columns));
}

function pushed(
  catalog: Catalog,
  definition: CatalogDefinition,
  selection: readonly FieldSelection[],
): Pushed[] {
  const out: Pushed[] = [];
  for (const name of [definition.primaryKey, "updated-at"]) {
    if (definition.fields.some((f) => f.name === name)) out.push(param(name));
  }
  for (const item of selection) {
    if (typeof item === "string") {
      out.push(pushedNamed(catalog, definition, item, undefined));
      continue;
    }
    for (const [name, nested] of Object.entries(item)) {
      out.push(pushedNamed(catalog, definition, name, nested));
    }
  }
  return dedupe(out);
}

function pushedNamed(
  catalog: Catalog,
  definition: CatalogDefinition,
  name: string,
  nested: readonly FieldSelection[] | undefined,
): Pushed {
  const wanted = snakeCase(name);
  if (wanted === "custom_fields") {
    const names = (nested ?? []).filter((n) => typeof n === "string");
    return { custom_fields: names.length > 0 ? names.map(param) : {} };
  }
  const a = definition.associations.find((x) => snakeCase(x.name) === wanted);
  if (a) {
    const named = (nested ?? []).filter((n) => typeof n === "string");
    const keys = named.length > 0 ? named : a.naturalKeys;
    return { [param(a.name)]: dedupe(["id", ...keys.map(param)]) };
  }
  const c = definition.collections.find((x) => snakeCase(x.name) === wanted);
  const element = c && catalog.definitions[c.definition];
  if (c && element && nested !== undefined) {
    return { [param(c.name)]: pushed(catalog, element, nested) };
  }
  const field = definition.fields.find((f) => snakeCase(f.name) === wanted);
  return param(field?.name ?? c?.name ?? name);
}

/** Query parameters use underscores where payloads use dashes. */
function param(name: string): string {
  return name.replace(/-/g, "_");
}

function dedupe(items: Pushed[]): Pushed[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = JSON.stringify(item);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
