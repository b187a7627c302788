import { getCatalog } from "../catalog/catalog.js";
import type { CatalogResource } from "../catalog/catalog-types.js";
import { ConfigError } from "./config-error.js";

/**
 * The smallest set of read scopes that lets an OAuth client read the given
 * tables, sorted: the default for `auth.scopes`. A table listed under a
 * parent (`/api/suppliers/{id}/addresses`) or embedded in another resource
 * also needs the scope of that resource.
 *
 * @example
 * requiredScopes(["invoices", "suppliers"], "R39");
 * // ["core.invoice.read", "core.supplier.read"]
 * @throws ConfigError naming every unknown table and the known ones.
 */
export function requiredScopes(
  tables: readonly string[],
  apiVersion: string,
): string[] {
  const catalog = getCatalog(apiVersion);
  const unknown = tables.filter((table) => !catalog.resources[table]);
  if (unknown.length > 0) throw unknownTables(unknown, apiVersion);

  const scopes = new Set<string>();
  for (const table of tables) {
    const resource = catalog.resources[table] as CatalogResource;
    scopes.add(resource.scope);
    const owner = resource.parent?.resource ?? resource.embeddedIn?.resource;
    const ownerScope = owner ? catalog.resources[owner]?.scope : undefined;
    if (ownerScope) scopes.add(ownerScope);
  }
  return [...scopes].sort();
}

function unknownTables(tables: string[], apiVersion: string): ConfigError {
  const known = Object.keys(getCatalog(apiVersion).resources).sort();
  return new ConfigError(
    tables.map((table) => ({
      path: `tables.${table}`,
      value: JSON.stringify(table),
      message:
        `not a Coupa resource in ${apiVersion}; known resources: ` +
        known.join(", "),
    })),
    "The table selection",
  );
}
