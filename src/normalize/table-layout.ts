import type {
  Catalog,
  CatalogAssociation,
  CatalogCollection,
  CatalogDefinition,
  CatalogField,
} from "../catalog/catalog-types.js";
import { closeMatches } from "./close-matches.js";
import { columnTypeForField } from "./column-type-for-field.js";
import type { ColumnSpec, ColumnType, TableRows } from "./row-batch.js";
import { snakeCase } from "./snake-case.js";
import type { FieldSelection, TableSettings } from "./table-settings.js";
import { UnknownColumnError } from "./unknown-column-error.js";

/**
 * Which custom fields a table takes: all that appear in the data, none
 * (a `fields` selection without `custom_fields`), or the named ones.
 */
export type CustomFieldChoice = "all" | "none" | readonly string[];

/**
 * One pool table of a layout, with what the normalizer needs to fill it.
 *
 * Column sources: a payload key (`invoice-number`), a path into an
 * association (`supplier.name`), alternatives joined by `|` when two keys
 * map to one column (`currency-id|currency.id`: the first non-null wins),
 * and the column's own name for bookkeeping columns (`_root_id`).
 */
export interface LayoutTable
  extends Pick<TableRows, "table" | "columns" | "isParent"> {
  /** Collection keys from the top-level record down to these rows. */
  readonly path: readonly string[];
  /** Pool table of the immediate parent; null for the parent table. */
  readonly parentTable: string | null;
  /** Catalog definition of one row. */
  readonly definition: string;
  /** Payload keys the catalog describes at this level. */
  readonly knownKeys: readonly string[];
  readonly customFields: CustomFieldChoice;
}

/** Every pool table of one resource: the parent first, then children. */
export interface TableLayout {
  readonly resource: string;
  readonly parentTable: string;
  readonly tables: readonly LayoutTable[];
}

/** Bookkeeping columns, documented in the README of normalize/. */
const EXTRACTED_AT: ColumnSpec = meta("_extracted_at", "timestamptz");
const RUN_ID: ColumnSpec = meta("_run_id", "varchar");
const DELETED_AT: ColumnSpec = meta("_deleted_at", "timestamptz");

/** Collections nest no deeper than this, even if the catalog cycles. */
const MAX_DEPTH = 6;

/**
 * Columns of the parent table and of every child table of a resource, from
 * the catalog, honouring `settings.columns` and `settings.target`.
 *
 * Parent: the record's fields, `<assoc>_id` plus the association's natural
 * keys, then `_extracted_at`, `_run_id`, `_deleted_at`. Child
 * (`<parent>__<collection>`): `_root_id` (id of the top-level record),
 * `_parent_id` (id of the element holding the array), `_parent_position`
 * (from depth 2: that element's index), `_position` (index in the array),
 * the element's fields and associations, `_extracted_at`, `_run_id`.
 * Custom fields are not listed: they are discovered from the data.
 *
 * @throws UnknownColumnError for a selected or pseudonymized column the
 *   catalog does not know.
 * @example
 * const layout = planTableLayout(settings, getCatalog("R39"));
 * layout.tables.map((t) => t.table);
 * // ["invoices", "invoices__invoice_lines", ...]
 */
export function planTableLayout(
  settings: TableSettings,
  catalog: Catalog,
): TableLayout {
  const resource = catalog.resources[settings.resource];
  if (!resource) {
    const known = Object.keys(catalog.resources).sort();
    throw new UnknownColumnError(
      settings.resource,
      "columns",
      `catalog ${catalog.apiVersion}`,
      closeMatches(settings.resource, known),
    );
  }
  const parentTable = settings.target || settings.resource;
  const pseudonymized = new Set(settings.pseudonymize);
  const tables: LayoutTable[] = [];
  const root = definitionOf(catalog, resource.definition);
  planLevel(catalog, tables, {
    definition: root,
    selection: settings.columns,
    table: parentTable,
    parentTable: null,
    path: [],
    lineage: [root.name],
    pseudonymized,
  });

  checkPseudonymized(settings, tables);
  return { resource: settings.resource, parentTable, tables };
}

/** A name that only the data can confirm: a custom field's column. */
export function mayBeCustomFieldColumn(name: string): boolean {
  return name.startsWith("cf_") || name.startsWith("custom_");
}

interface LevelPlan {
  readonly definition: CatalogDefinition;
  readonly selection: readonly FieldSelection[] | undefined;
  readonly table: string;
  readonly parentTable: string | null;
  readonly path: readonly string[];
  readonly lineage: readonly string[];
  readonly pseudonymized: ReadonlySet<string>;
}

interface Chosen {
  readonly fields: CatalogField[];
  readonly associations: { a: CatalogAssociation; keys: string[] }[];
  readonly collections: {
    c: CatalogCollection;
    selection: readonly FieldSelection[] | undefined;
  }[];
  customFields: CustomFieldChoice;
}

function planLevel(catalog: Catalog, out: LayoutTable[], plan: LevelPlan) {
  const { definition } = plan;
  const chosen = choose(catalog, definition, plan.selection);
  const columns = new ColumnList(plan.pseudonymized);
  const isParent = plan.parentTable === null;

  if (!isParent) {
    columns.add(meta("_root_id", "bigint"));
    columns.add(meta("_parent_id", "bigint"));
    if (plan.path.length > 1) columns.add(meta("_parent_position", "bigint"));
    columns.add(meta("_position", "bigint"));
  }
  for (const field of orderFields(chosen.fields, definition.primaryKey)) {
    columns.add(fieldColumn(field));
  }
  for (const { a, keys } of chosen.associations) {
    for (const column of associationColumns(catalog, a, keys)) {
      columns.add(column);
    }
  }
  columns.add(EXTRACTED_AT);
  columns.add(RUN_ID);
  if (isParent) columns.add(DELETED_AT);

  out.push({
    table: plan.table,
    isParent,
    columns: columns.specs(),
    path: plan.path,
    parentTable: plan.parentTable,
    definition: definition.name,
    knownKeys: knownKeys(definition),
    customFields: chosen.customFields,
  });
  planCollections(catalog, out, plan, chosen);
}

function planCollections(
  catalog: Catalog,
  out: LayoutTable[],
  plan: LevelPlan,
  chosen: Chosen,
) {
  if (plan.path.length >= MAX_DEPTH) return;
  for (const { c, selection } of chosen.collections) {
    const child = catalog.definitions[c.definition];
    // A definition already on the path would recurse forever.
    if (!child || plan.lineage.includes(child.name)) continue;
    planLevel(catalog, out, {
      definition: child,
      selection,
      table: `${plan.table}__${snakeCase(c.name)}`,
      parentTable: plan.table,
      path: [...plan.path, c.name],
      lineage: [...plan.lineage, child.name],
      pseudonymized: plan.pseudonymized,
    });
  }
}

function choose(
  catalog: Catalog,
  definition: CatalogDefinition,
  selection: readonly FieldSelection[] | undefined,
): Chosen {
  if (selection === undefined) {
    return {
      fields: [...definition.fields],
      associations: definition.associations.map((a) => ({
        a,
        keys: [...a.naturalKeys],
      })),
      collections: definition.collections.map((c) => ({
        c,
        selection: undefined,
      })),
      customFields: "all",
    };
  }
  const chosen: Chosen = {
    fields: [],
    associations: [],
    collections: [],
    customFields: "none",
  };
  for (const item of selection) chooseItem(catalog, definition, item, chosen);
  addAlwaysSelected(definition, chosen);
  return chosen;
}

function chooseItem(
  catalog: Catalog,
  definition: CatalogDefinition,
  item: FieldSelection,
  chosen: Chosen,
) {
  if (typeof item === "string") {
    chooseNamed(definition, item, undefined, chosen);
    return;
  }
  for (const [name, nested] of Object.entries(item)) {
    chooseNamed(definition, name, nested, chosen, catalog);
  }
}

function chooseNamed(
  definition: CatalogDefinition,
  name: string,
  nested: readonly FieldSelection[] | undefined,
  chosen: Chosen,
  catalog?: Catalog,
) {
  const wanted = snakeCase(name);
  if (wanted === "custom_fields") {
    chosen.customFields = customFieldChoice(nested, chosen.customFields);
    return;
  }
  const field = definition.fields.find((f) => snakeCase(f.name) === wanted);
  if (field && nested === undefined) {
    if (!chosen.fields.includes(field)) chosen.fields.push(field);
    return;
  }
  const a = definition.associations.find((x) => snakeCase(x.name) === wanted);
  if (a) {
    const keys = nested ? associationKeys(catalog, a, nested) : a.naturalKeys;
    chosen.associations.push({ a, keys: [...keys] });
    return;
  }
  const c = definition.collections.find((x) => snakeCase(x.name) === wanted);
  if (c) {
    chosen.collections.push({ c, selection: nested });
    return;
  }
  throw new UnknownColumnError(
    name,
    "columns",
    definition.name,
    closeMatches(wanted, knownKeys(definition).map(snakeCase)),
  );
}

function customFieldChoice(
  nested: readonly FieldSelection[] | undefined,
  current: CustomFieldChoice,
): CustomFieldChoice {
  const names = (nested ?? []).filter((n) => typeof n === "string");
  if (names.length === 0) return "all";
  if (current === "all") return "all";
  return [...(current === "none" ? [] : current), ...names.map(snakeCase)];
}

function associationKeys(
  catalog: Catalog | undefined,
  a: CatalogAssociation,
  nested: readonly FieldSelection[],
): readonly string[] {
  const target = catalog?.definitions[a.definition];
  const names = nested.filter((n): n is string => typeof n === "string");
  if (names.length === 0) return a.naturalKeys;
  return names
    .filter((n) => snakeCase(n) !== "id")
    .map((n) => {
      const field = target?.fields.find(
        (f) => snakeCase(f.name) === snakeCase(n),
      );
      if (target && !field) {
        const known = target.fields.map((f) => snakeCase(f.name));
        throw new UnknownColumnError(
          n,
          "columns",
          `${a.name} (${target.name})`,
          closeMatches(snakeCase(n), known),
        );
      }
      return field ? field.name : n;
    });
}

function addAlwaysSelected(definition: CatalogDefinition, chosen: Chosen) {
  for (const name of [definition.primaryKey, "updated-at"]) {
    const field = definition.fields.find((f) => f.name === name);
    if (field && !chosen.fields.includes(field)) chosen.fields.push(field);
  }
}

function orderFields(
  fields: readonly CatalogField[],
  primaryKey: string,
): CatalogField[] {
  const key = fields.filter((f) => f.name === primaryKey);
  return [...key, ...fields.filter((f) => f.name !== primaryKey)];
}

function fieldColumn(field: CatalogField): ColumnSpec {
  return {
    name: snakeCase(field.name),
    type: columnTypeForField(field),
    source: field.name,
  };
}

function associationColumns(
  catalog: Catalog,
  a: CatalogAssociation,
  keys: readonly string[],
): ColumnSpec[] {
  const prefix = snakeCase(a.name);
  const target = catalog.definitions[a.definition];
  const columns: ColumnSpec[] = [
    { name: `${prefix}_id`, type: { kind: "bigint" }, source: `${a.name}.id` },
  ];
  if (a.polymorphic) {
    columns.push({
      name: `${prefix}_type`,
      type: { kind: "varchar" },
      source: `${a.name}.type`,
    });
  }
  for (const key of keys) {
    const field = target?.fields.find((f) => f.name === key);
    columns.push({
      name: `${prefix}_${snakeCase(key)}`,
      type: field ? columnTypeForField(field) : { kind: "varchar" },
      source: `${a.name}.${key}`,
    });
  }
  return columns;
}

function knownKeys(definition: CatalogDefinition): string[] {
  return [
    ...definition.fields.map((f) => f.name),
    ...definition.associations.map((a) => a.name),
    ...definition.collections.map((c) => c.name),
  ];
}

function definitionOf(catalog: Catalog, name: string): CatalogDefinition {
  const definition = catalog.definitions[name];
  if (!definition) {
    throw new Error(
      `Catalog ${catalog.apiVersion} names definition "${name}" but does ` +
        "not define it; rebuild the catalog with `npm run catalog`.",
    );
  }
  return definition;
}

function checkPseudonymized(
  settings: TableSettings,
  tables: readonly LayoutTable[],
) {
  const known = tables.flatMap((t) => t.columns.map((c) => c.name));
  const names = new Set(known);
  for (const column of settings.pseudonymize) {
    if (names.has(column) || mayBeCustomFieldColumn(column)) continue;
    throw new UnknownColumnError(
      column,
      "pseudonymize",
      `${settings.target || settings.resource} and its child tables`,
      closeMatches(column, known),
    );
  }
}

function meta(name: string, kind: "bigint" | "varchar" | "timestamptz") {
  return { name, type: { kind }, source: name } as ColumnSpec;
}

/**
 * Columns by name in insertion order. Two sources with one name (the field
 * `approver-id` and the association `approver`) share a column; the
 * first-added source is read first and fixes the type.
 */
class ColumnList {
  readonly #columns = new Map<string, ColumnSpec>();

  constructor(readonly pseudonymized: ReadonlySet<string>) {}

  add(column: ColumnSpec) {
    const existing = this.#columns.get(column.name);
    if (!existing) {
      this.#columns.set(column.name, this.#typed(column));
      return;
    }
    const sources = existing.source.split("|");
    if (sources.includes(column.source)) return;
    this.#columns.set(column.name, {
      ...existing,
      source: `${existing.source}|${column.source}`,
    });
  }

  specs(): ColumnSpec[] {
    return [...this.#columns.values()];
  }

  #typed(column: ColumnSpec): ColumnSpec {
    const varchar: ColumnType = { kind: "varchar" };
    // A keyed hash is hex text whatever the original type was.
    const pseudo = this.pseudonymized.has(column.name);
    return pseudo ? { ...column, type: varchar } : column;
  }
}
