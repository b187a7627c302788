import type { MetaResource } from "../api/api-types.js";

/**
 * The read scopes an OAuth client needs for the chosen resources, each
 * once, sorted: the least a Coupa admin has to grant.
 *
 * @example
 * minimalScopes(meta.resources, ["invoices", "suppliers"]);
 * // ["core.invoice.read", "core.supplier.read"]
 */
export function minimalScopes(
  resources: readonly MetaResource[],
  chosen: readonly string[],
): string[] {
  const wanted = new Set(chosen);
  const scopes = new Set<string>();
  for (const resource of resources) {
    if (wanted.has(resource.name)) scopes.add(resource.scope);
  }
  return [...scopes].sort();
}
