import { z } from "zod";
import {
  API_VERSIONS,
  getCatalog,
  LATEST_API_VERSION,
  SUPPORTED_RESOURCES,
} from "../../catalog/catalog.js";
import type { ApiRoutes } from "../http/api-routes.js";
import type { ServerContext } from "../server-context.js";

const metaSchema = z.object({
  apiVersions: z.array(z.string()),
  latestApiVersion: z.string(),
  resources: z.array(z.object({ name: z.string(), scope: z.string() })),
  clusters: z.array(
    z.object({ name: z.string(), egress: z.array(z.string()) }),
  ),
  version: z.string(),
});

/** `/health`, `/api/meta` and `/api/openapi.json`. */
export function registerMetaRoutes(routes: ApiRoutes, ctx: ServerContext) {
  routes.add({
    method: "GET",
    url: "/health",
    summary: "Liveness check; needs no token",
    tag: "meta",
    auth: false,
    response: z.object({ status: z.literal("ok") }),
    handler: () => ({ status: "ok" }),
  });

  routes.add({
    method: "GET",
    url: "/api/meta",
    summary: "API versions, extractable resources with scopes, clusters",
    tag: "meta",
    response: metaSchema,
    handler: () => ({
      apiVersions: API_VERSIONS,
      latestApiVersion: LATEST_API_VERSION,
      resources: SUPPORTED_RESOURCES.map((name) => ({
        name,
        scope: getCatalog().resources[name]?.scope ?? "",
      })),
      clusters: ctx.engine.clusters(),
      version: ctx.version,
    }),
  });

  routes.add({
    method: "GET",
    url: "/api/openapi.json",
    summary: "This API's OpenAPI 3.1 document",
    tag: "meta",
    handler: () =>
      routes.openApiDocument({
        title: "coupa-extractor service",
        version: ctx.version,
      }),
  });
}
