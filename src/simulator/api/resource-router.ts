import type { Catalog, CatalogResource } from "../../catalog/catalog-types.js";

/** Format forced by a `.json` / `.xml` suffix, as Rails allows. */
export type PathFormat = "json" | "xml" | undefined;

/** What an `/api/...` path asks for. */
export type ApiRoute =
  | {
      readonly kind: "list" | "member";
      readonly resource: CatalogResource;
      readonly id?: number;
      readonly parentId?: number;
      readonly format: PathFormat;
    }
  | { readonly kind: "unknown"; readonly format: PathFormat };

interface NestedPattern {
  readonly pattern: RegExp;
  readonly resource: CatalogResource;
}

/**
 * Maps request paths to the resources the data layer serves, using each
 * resource's endpoint from the catalog: `/api/invoices`,
 * `/api/invoices/12`, `/api/suppliers/7/addresses`.
 */
export class ResourceRouter {
  readonly #flat = new Map<string, CatalogResource>();
  readonly #nested: NestedPattern[] = [];

  constructor(catalog: Catalog, served: readonly string[]) {
    for (const name of served) {
      const resource = catalog.resources[name];
      const endpoint = resource?.endpoint;
      if (!resource || !endpoint) continue;
      if (endpoint.includes("{")) this.#nested.push(nested(resource, endpoint));
      else this.#flat.set(endpoint, resource);
    }
  }

  /** The route of a path (without query string). */
  resolve(rawPath: string): ApiRoute {
    const { path, format } = splitFormat(rawPath);
    const flat = this.#flat.get(path);
    if (flat) return { kind: "list", resource: flat, format };

    const member = /^(.*)\/(\d+)$/.exec(path);
    const parent = member && this.#flat.get(member[1] ?? "");
    if (member && parent) {
      const id = Number(member[2]);
      return { kind: "member", resource: parent, id, format };
    }
    return this.#resolveNested(path, format);
  }

  #resolveNested(path: string, format: PathFormat): ApiRoute {
    for (const { pattern, resource } of this.#nested) {
      const match = pattern.exec(path);
      if (!match) continue;
      const parentId = Number(match[1]);
      if (match[2] === undefined) {
        return { kind: "list", resource, parentId, format };
      }
      const id = Number(match[2]);
      return { kind: "member", resource, parentId, id, format };
    }
    return { kind: "unknown", format };
  }
}

function nested(resource: CatalogResource, endpoint: string): NestedPattern {
  const source = endpoint
    .replace(/[.*+?^$()|[\]\\]/g, "\\$&")
    .replace(/\{[^}]+\}/, "(\\d+)");
  return { pattern: new RegExp(`^${source}(?:/(\\d+))?$`), resource };
}

function splitFormat(path: string): { path: string; format: PathFormat } {
  if (path.endsWith(".json"))
    return { path: path.slice(0, -5), format: "json" };
  if (path.endsWith(".xml")) return { path: path.slice(0, -4), format: "xml" };
  return { path, format: undefined };
}
