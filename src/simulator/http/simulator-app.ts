import type { Socket } from "node:net";
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from "fastify";
import type { Logger } from "pino";
import { registerAdminRoutes } from "../admin/admin-routes.js";
import type { SimulatorAdmin } from "../admin/simulator-admin.js";
import { type ApiDeps, handleApiRequest } from "../api/handle-api-request.js";
import { handleTokenRequest } from "../auth/token-endpoint.js";
import type { FaultKind } from "../faults/fault-planner.js";
import type { SimRequest, SimResponse } from "../sim-exchange.js";
import { SimulatorHttpError } from "../simulator-http-error.js";
import type { SimulatorState } from "../simulator-state.js";
import {
  gatewayError,
  malformed,
  resetConnection,
  sendTruncated,
} from "./fault-answers.js";
import { checkAllowlist, checkRateLimit } from "./tenant-gate.js";
import { toSimRequest } from "./to-sim-request.js";

/** What the HTTP app is built from. */
export interface SimulatorAppOptions {
  readonly state: SimulatorState;
  readonly admin: SimulatorAdmin;
  readonly adminToken: string;
  /** Fastify's logger; default none. */
  readonly logger?: Logger;
}

/** The Fastify app and the sockets it holds open on purpose. */
export interface SimulatorApp {
  readonly app: FastifyInstance;
  /** Connections of hanging faults; destroyed on close. */
  readonly hanging: Set<Socket>;
}

/**
 * Builds the simulator's HTTP app: the token endpoints, `/api/...`
 * behind the tenant's allowlist, throttle and faults, and the admin API.
 */
export async function buildSimulatorApp(
  options: SimulatorAppOptions,
): Promise<SimulatorApp> {
  const { state } = options;
  const app = Fastify({
    loggerInstance: options.logger as FastifyBaseLogger | undefined,
    forceCloseConnections: true,
    bodyLimit: 10 * 1024 * 1024,
  });
  const hanging = new Set<Socket>();

  app.addContentTypeParser(
    ["application/x-www-form-urlencoded", "*"],
    { parseAs: "string" },
    (_request, body, done) => done(null, body),
  );
  app.addHook("onRequest", async (_request, reply) => {
    reply.header("date", tenantDate(state));
  });

  const token = tokenRoute(state);
  app.post("/oauth2/token", token);
  app.post("/oauth2/access_tokens", token);
  app.all("/api/*", apiRoute(state, hanging));
  await registerAdminRoutes(app, options.admin, options.adminToken);
  return { app, hanging };
}

function tokenRoute(state: SimulatorState) {
  const deps = {
    clients: state.clients,
    tokens: state.tokens,
    lifetimeSeconds: () => state.switches.tokenLifetimeSeconds,
  };
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const sim = toSimRequest(request);
    const arrived = isoNow(state);
    let response = checkAllowlist(sim, state);
    if (!response) {
      try {
        response = handleTokenRequest(sim, deps);
      } catch (error) {
        if (!(error instanceof SimulatorHttpError)) throw error;
        response = error.toResponse();
      }
    }
    logRequest(state, sim, arrived, response.status, null);
    return send(reply, response);
  };
}

function apiRoute(state: SimulatorState, hanging: Set<Socket>) {
  const deps = apiDeps(state);
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const sim = toSimRequest(request);
    const arrived = isoNow(state);
    const gate = checkAllowlist(sim, state) ?? checkRateLimit(state);
    if (gate) {
      logRequest(state, sim, arrived, gate.status, null);
      return send(reply, gate);
    }

    const switches = state.switches;
    const fault = state.faults.next(switches);
    if (fault?.kind === "5xx") {
      logRequest(state, sim, arrived, fault.status, "5xx");
      return send(reply, gatewayError(fault.status));
    }
    if (fault?.kind === "reset") {
      logRequest(state, sim, arrived, null, "reset");
      return resetConnection(reply);
    }
    if (fault?.kind === "hang") {
      logRequest(state, sim, arrived, null, "hang");
      return hang(reply, hanging);
    }
    if (fault?.kind === "slow") await state.clock.sleep(switches.faultSlowMs);

    let response = handleApiRequest(sim, deps);
    const delay =
      switches.latencyMs + switches.latencyPerRecordMs * response.records;
    await state.clock.sleep(delay);

    logRequest(state, sim, arrived, response.status, fault?.kind ?? null);
    if (fault?.kind === "truncate") {
      return sendTruncated(reply, response, tenantDate(state));
    }
    if (fault?.kind === "malformed") response = malformed(response);
    return send(reply, response);
  };
}

function apiDeps(state: SimulatorState): ApiDeps {
  return {
    data: state.data,
    index: state.index,
    xml: state.xml,
    router: state.router,
    emptyJson404: () => state.switches.emptyJson404,
    auth: {
      tokens: state.tokens,
      apiKeys: state.apiKeys,
      apiKeysEnabled: () => state.switches.apiKeys,
      now: () => state.clock.now(),
    },
  };
}

function hang(reply: FastifyReply, hanging: Set<Socket>): void {
  reply.hijack();
  const socket = reply.raw.socket ?? reply.request.raw.socket;
  hanging.add(socket);
  socket.once("close", () => hanging.delete(socket));
}

function send(reply: FastifyReply, response: SimResponse): FastifyReply {
  return reply
    .code(response.status)
    .headers(response.headers)
    .send(response.body);
}

function tenantDate(state: SimulatorState): string {
  const skew = state.switches.clockSkewSeconds * 1000;
  return new Date(state.clock.now() + skew).toUTCString();
}

function logRequest(
  state: SimulatorState,
  request: SimRequest,
  time: string,
  status: number | null,
  fault: FaultKind | null,
): void {
  state.log.add({
    method: request.method,
    path: request.path,
    rawQuery: request.rawQuery,
    query: request.query,
    status,
    sourceAddress: request.sourceAddress,
    time,
    fault,
  });
}

function isoNow(state: SimulatorState): string {
  return new Date(state.clock.now()).toISOString();
}
