import { z } from "zod";
import { agentCommand } from "../agents/agent-command.js";
import { agentView } from "../agents/agent-view.js";
import { notFound } from "../api-error.js";
import type { ApiRoutes } from "../http/api-routes.js";
import {
  agentCreateSchema,
  agentSchema,
  createdAgentSchema,
} from "../schemas/agent-schemas.js";
import type { ServerContext } from "../server-context.js";

const agentParams = z.object({ agentId: z.string() });
const listHint = "List agents with GET /api/agents.";

/**
 * Uplinked agents: create (the token is shown once), list with status,
 * get, revoke. Agents themselves connect at `/api/agents/connect` with
 * their agent token, not with an API token.
 */
export function registerAgentRoutes(routes: ApiRoutes, ctx: ServerContext) {
  const { hub } = ctx;

  routes.add({
    method: "POST",
    url: "/api/agents",
    summary: "Create an Uplinked agent; its token is shown only here",
    tag: "agents",
    body: agentCreateSchema,
    status: 201,
    response: createdAgentSchema,
    handler: ({ body }) => {
      const created = hub.registry.create(body.name);
      ctx.logger.info(
        { agentId: created.id, agent: body.name },
        "agent created",
      );
      return {
        id: created.id,
        name: created.name,
        token: created.token,
        command: agentCommand(hub.publicUrl, created.token, body.host),
      };
    },
  });

  routes.add({
    method: "GET",
    url: "/api/agents",
    summary: "List agents (not revoked) with online/offline status",
    tag: "agents",
    response: z.array(agentSchema),
    handler: () =>
      hub.statuses().flatMap((status) => agentView(hub, status.agentId) ?? []),
  });

  routes.add({
    method: "GET",
    url: "/api/agents/:agentId",
    summary: "Get an agent and its status",
    tag: "agents",
    params: agentParams,
    response: agentSchema,
    handler: ({ params }) => {
      const view = agentView(hub, params.agentId);
      if (!view) throw notFound("agent", params.agentId, listHint);
      return view;
    },
  });

  routes.add({
    method: "DELETE",
    url: "/api/agents/:agentId",
    summary: "Revoke an agent's token and disconnect it",
    tag: "agents",
    params: agentParams,
    status: 204,
    handler: ({ params }) => {
      if (!hub.revoke(params.agentId)) {
        throw notFound("agent", params.agentId, listHint);
      }
      ctx.logger.info({ agentId: params.agentId }, "agent revoked");
      return undefined;
    },
  });
}
