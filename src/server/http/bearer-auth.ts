import type { FastifyInstance, FastifyRequest } from "fastify";
import { ApiError } from "../api-error.js";
import type { ApiTokenStore } from "../auth/api-token-store.js";

/**
 * Requires `Authorization: Bearer <api token>` on every `/api` route
 * except those registered with `config: { auth: false }`. The run events
 * route also accepts `?token=`, because a browser's EventSource cannot
 * send headers.
 */
export function registerBearerAuth(
  app: FastifyInstance,
  tokens: ApiTokenStore,
): void {
  app.addHook("onRequest", async (request) => {
    if (!needsAuth(request)) return;
    const token = tokenOf(request);
    if (!token) {
      throw new ApiError(
        401,
        "UNAUTHENTICATED",
        "This API needs an API token: send Authorization: Bearer <token>. " +
          "Create one with: coupa-extractor token create",
      );
    }
    if (!tokens.verify(token)) {
      throw new ApiError(
        401,
        "UNAUTHENTICATED",
        "The API token is unknown or revoked. Create a new one with: " +
          "coupa-extractor token create",
      );
    }
  });
}

function needsAuth(request: FastifyRequest): boolean {
  const path = request.url.split("?")[0] ?? "";
  if (path !== "/api" && !path.startsWith("/api/")) return false;
  const config = request.routeOptions.config as { auth?: boolean };
  return config.auth !== false;
}

function tokenOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  if (match?.[1]) return match[1];
  const path = request.url.split("?")[0] ?? "";
  if (path.endsWith("/events")) {
    const token = (request.query as { token?: unknown }).token;
    if (typeof token === "string" && token !== "") return token;
  }
  return undefined;
}
