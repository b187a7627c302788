import type {
  Catalog,
  CatalogAssociation,
  CatalogDefinition,
  FieldType,
} from "../../catalog/catalog-types.js";

/** Lookup tables of one catalog definition, built once. */
export interface IndexedDefinition {
  readonly definition: CatalogDefinition;
  readonly fields: ReadonlyMap<string, FieldType>;
  readonly associations: ReadonlyMap<string, CatalogAssociation>;
  /** Collection name → element definition name. */
  readonly collections: ReadonlyMap<string, string>;
}

/**
 * Fast name lookups over the catalog's definitions (fields, associations,
 * collections by dashed name), cached per definition. Filters, `fields`,
 * `return_object=shallow` and the XML renderer all walk records with it.
 */
export class DefinitionIndex {
  readonly #cache = new Map<string, IndexedDefinition | undefined>();

  constructor(readonly catalog: Catalog) {}

  /** The indexed definition, or undefined when the catalog lacks it. */
  get(name: string | undefined): IndexedDefinition | undefined {
    if (name === undefined) return undefined;
    if (!this.#cache.has(name)) this.#cache.set(name, this.#build(name));
    return this.#cache.get(name);
  }

  #build(name: string): IndexedDefinition | undefined {
    const definition = this.catalog.definitions[name];
    if (!definition) return undefined;
    return {
      definition,
      fields: new Map(definition.fields.map((f) => [f.name, f.type])),
      associations: new Map(definition.associations.map((a) => [a.name, a])),
      collections: new Map(
        definition.collections.map((c) => [c.name, c.definition]),
      ),
    };
  }
}
