import { timingSafeEqual } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ApiKeyInput } from "../auth/api-key-registry.js";
import { JSON_TYPE } from "../content-types.js";
import type { SimulatorSwitches } from "../simulator-switches.js";
import { AdminRequestError } from "./admin-request-error.js";
import type { ClientInput, SimulatorMutation } from "./admin-schemas.js";
import { groundTruthStream } from "./ground-truth-stream.js";
import type { SimulatorAdmin } from "./simulator-admin.js";

/** Path prefix of the admin API on the simulator's port. */
export const ADMIN_PREFIX = "/__admin";

type IdParams = { Params: { id: string } };

/**
 * The admin API: `Authorization: Bearer <adminToken>` on every call.
 *
 * - `POST /clients` {clientId?, clientSecret?, scopes?} → 201 client
 * - `POST /api-keys` {login, email, expiresAt?, permissions?, ipAllowlist?}
 * - `POST /api-keys/:id/revoke`, `POST /api-keys/:id/regenerate`
 * - `POST /mutations` {op: update|insert|remove|addCustomField, resource, …}
 * - `GET /ground-truth/:resource` → streamed JSON array
 * - `GET /switches`, `PATCH /switches` {…some switches}
 * - `GET /requests`, `DELETE /requests`
 */
export async function registerAdminRoutes(
  app: FastifyInstance,
  admin: SimulatorAdmin,
  adminToken: string,
): Promise<void> {
  await app.register(
    async (scope) => {
      scope.addHook("onRequest", async (request) => {
        checkToken(request, adminToken);
      });
      scope.setErrorHandler(adminErrorHandler);
      routes(scope, admin);
    },
    { prefix: ADMIN_PREFIX },
  );
}

/**
 * Bodies go to the admin object as they came: it validates every input
 * (zod) for HTTP and in-process callers alike.
 */
function routes(scope: FastifyInstance, admin: SimulatorAdmin): void {
  scope.post("/clients", async (request, reply) => {
    reply.code(201);
    return admin.createClient(body<ClientInput>(request));
  });
  scope.post("/api-keys", async (request, reply) => {
    reply.code(201);
    return admin.createApiKey(body<ApiKeyInput>(request));
  });
  scope.post<IdParams>("/api-keys/:id/revoke", async (request) =>
    admin.revokeApiKey(request.params.id),
  );
  scope.post<IdParams>("/api-keys/:id/regenerate", async (request) =>
    admin.regenerateApiKey(request.params.id),
  );
  scope.post("/mutations", async (request) =>
    admin.mutate(body<SimulatorMutation>(request)),
  );
  scope.get<{ Params: { resource: string } }>(
    "/ground-truth/:resource",
    async (request, reply) => {
      const records = admin.groundTruth(request.params.resource);
      reply.type(JSON_TYPE);
      return reply.send(groundTruthStream(records));
    },
  );
  scope.get("/switches", async () => admin.switches());
  scope.patch("/switches", async (request) =>
    admin.setSwitches(body<Partial<SimulatorSwitches>>(request)),
  );
  scope.get("/requests", async () => admin.requestLog());
  scope.delete("/requests", async (_request, reply) => {
    admin.clearRequestLog();
    return reply.code(204).send();
  });
}

function body<T>(request: FastifyRequest): T {
  return (request.body ?? {}) as T;
}

function checkToken(request: FastifyRequest, adminToken: string): void {
  const given = Buffer.from(request.headers.authorization ?? "");
  const expected = Buffer.from(`Bearer ${adminToken}`);
  if (given.length === expected.length && timingSafeEqual(given, expected)) {
    return;
  }
  throw new AdminRequestError(
    "ADMIN_UNAUTHORIZED",
    "The admin API needs Authorization: Bearer <adminToken>, as printed " +
      "by `coupa-extractor simulate` or returned by startSimulator().",
  );
}

async function adminErrorHandler(
  error: Error & { statusCode?: number },
  _request: FastifyRequest,
  reply: FastifyReply,
): Promise<void> {
  if (error instanceof AdminRequestError) {
    await reply
      .code(error.status)
      .send({ error: error.code, message: error.message });
    return;
  }
  const status = error.statusCode ?? 500;
  const code = status < 500 ? "ADMIN_INVALID_INPUT" : "ADMIN_FAILED";
  await reply.code(status).send({ error: code, message: error.message });
}
