import type { CatalogResource } from "../../catalog/catalog-types.js";
import { SimulatorHttpError } from "../simulator-http-error.js";
import type { Principal } from "./principal.js";

/**
 * Checks that the caller may read `resource`: an OAuth token must hold
 * the resource's read scope; an API key with permissions must list the
 * resource or its scope.
 *
 * @throws SimulatorHttpError 403 naming the missing scope or permission
 */
export function authorizeResource(
  principal: Principal,
  resource: CatalogResource,
  path: string,
): void {
  if (principal.kind === "oauth") {
    if (principal.scopes.includes(resource.scope)) return;
    throw SimulatorHttpError.oauth(
      403,
      "insufficient_scope",
      `The access token lacks scope ${resource.scope}, required for ` +
        `GET ${path}. Add it to the OAuth client and request a new token.`,
      { scope: resource.scope },
      { "www-authenticate": `Bearer error="insufficient_scope"` },
    );
  }

  const allowed = principal.permissions;
  if (!allowed) return;
  if (allowed.includes(resource.name) || allowed.includes(resource.scope)) {
    return;
  }
  throw SimulatorHttpError.oauth(
    403,
    "forbidden",
    `The API key of ${principal.login} has no permission for ` +
      `${resource.name} (GET ${path}); add "${resource.name}" or ` +
      `"${resource.scope}" to its permissions.`,
    { scope: resource.scope },
  );
}
