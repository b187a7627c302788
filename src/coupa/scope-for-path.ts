import { getCatalog } from "../catalog/catalog.js";

/**
 * The read scope the catalog gives the endpoint a path belongs to, e.g.
 * `core.invoice.read` for `/api/invoices/12`; undefined when no resource
 * matches. Used when Coupa's 403 does not name the scope itself.
 */
export function scopeForPath(
  path: string,
  apiVersion: string,
): string | undefined {
  const bare = path.split("?")[0] ?? path;
  for (const resource of Object.values(getCatalog(apiVersion).resources)) {
    if (resource.endpoint && endpointPattern(resource.endpoint).test(bare)) {
      return resource.scope;
    }
  }
  return undefined;
}

function endpointPattern(endpoint: string): RegExp {
  const source = endpoint
    .split(/\{[^}]+\}/)
    .map((part) => part.replace(/[.*+?^$()|[\]\\]/g, "\\$&"))
    .join("[^/]+");
  return new RegExp(`^${source}(?:/\\d+)?/?$`);
}
