import type { AuthenticationDeps } from "../auth/authenticate-request.js";
import { authenticateRequest } from "../auth/authenticate-request.js";
import { authorizeResource } from "../auth/authorize-resource.js";
import type { SimRequest, SimResponse } from "../sim-exchange.js";
import { SimulatorHttpError } from "../simulator-http-error.js";
import type { ApiContext } from "./api-context.js";
import { handleList } from "./list-handler.js";
import { handleMember } from "./member-handler.js";
import type { ResourceRouter } from "./resource-router.js";
import { wantsJson } from "./wants-json.js";

/** Everything an API request needs once it is past throttle and faults. */
export interface ApiDeps extends ApiContext {
  readonly router: ResourceRouter;
  readonly auth: AuthenticationDeps;
}

/**
 * One `/api/...` request, from credentials to rendered answer: route,
 * authenticate (401), unknown resource (404), scope (403), then the list
 * or member read. Errors become their Coupa-shaped answers.
 *
 * @example
 * const response = handleApiRequest(request, deps);
 * response.status; // 200
 */
export function handleApiRequest(
  request: SimRequest,
  deps: ApiDeps,
): SimResponse {
  const route = deps.router.resolve(request.path);
  const json = route.format
    ? route.format === "json"
    : wantsJson(request.headers.accept);
  try {
    const principal = authenticateRequest(request, deps.auth);
    if (route.kind === "unknown") throw unknownPath(request, json);
    if (request.method !== "GET") throw readOnly(request, json);
    authorizeResource(principal, route.resource, request.path);

    const target = { resource: route.resource, parentId: route.parentId };
    if (route.kind === "list") return handleList(target, request, json, deps);
    const id = route.id as number;
    return handleMember({ ...target, id }, request, json, deps);
  } catch (error) {
    if (error instanceof SimulatorHttpError) return error.toResponse();
    throw error;
  }
}

function unknownPath(request: SimRequest, json: boolean): SimulatorHttpError {
  return SimulatorHttpError.coupa(
    404,
    "UNKNOWN_RESOURCE",
    "base",
    `No resource at ${request.path}; the simulator serves the list ` +
      "endpoints of the catalog, e.g. /api/invoices.",
    json,
  );
}

function readOnly(request: SimRequest, json: boolean): SimulatorHttpError {
  return SimulatorHttpError.coupa(
    405,
    "READ_ONLY",
    "base",
    `${request.method} ${request.path} is not served: the simulator ` +
      "answers reads (GET) only.",
    json,
  );
}
