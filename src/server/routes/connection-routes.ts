import { z } from "zod";
import { agentView } from "../agents/agent-view.js";
import { requireUsableAgent } from "../agents/require-usable-agent.js";
import { testUplinkedConnection } from "../agents/test-uplinked-connection.js";
import { ApiError } from "../api-error.js";
import type {
  ConnectionTestReport,
  EngineConnection,
} from "../extraction-engine.js";
import type { ApiRoutes } from "../http/api-routes.js";
import {
  connectionSecret,
  type StoredConnection,
} from "../model/connection-repository.js";
import { connectionView } from "../model/connection-view.js";
import {
  connectionInputSchema,
  connectionSchema,
  connectionTestInputSchema,
  connectionTestReportSchema,
  connectionUpdateSchema,
  savedConnectionTestSchema,
} from "../schemas/connection-schemas.js";
import type { ServerContext } from "../server-context.js";
import { requireConnection, requirePool } from "./lookups.js";
import { resolveConnectionInput } from "./resolve-connection-input.js";

const poolParams = z.object({ poolId: z.string() });
const connectionParams = z.object({ connectionId: z.string() });

/** CRUD and tests of Coupa data connections. */
export function registerConnectionRoutes(
  routes: ApiRoutes,
  ctx: ServerContext,
) {
  routes.add({
    method: "GET",
    url: "/api/pools/:poolId/connections",
    summary: "List a pool's data connections (secrets masked)",
    tag: "connections",
    params: poolParams,
    response: z.array(connectionSchema),
    handler: ({ params }) => {
      requirePool(ctx, params.poolId);
      return ctx.connections
        .listByPool(params.poolId)
        .map((stored) => view(ctx, stored));
    },
  });

  routes.add({
    method: "POST",
    url: "/api/pools/:poolId/connections",
    summary: "Add a Coupa data connection to a pool",
    tag: "connections",
    params: poolParams,
    body: connectionInputSchema,
    status: 201,
    response: connectionSchema,
    handler: ({ params, body }) => {
      requirePool(ctx, params.poolId);
      const config = ctx.engine.parseConnection(resolveConnectionInput(body));
      requireUsableAgent(ctx.hub, config);
      return view(ctx, ctx.connections.create(params.poolId, config));
    },
  });

  routes.add({
    method: "GET",
    url: "/api/connections/:connectionId",
    summary: "Get a data connection (secret masked)",
    tag: "connections",
    params: connectionParams,
    response: connectionSchema,
    handler: ({ params }) =>
      view(ctx, requireConnection(ctx, params.connectionId)),
  });

  routes.add({
    method: "PATCH",
    url: "/api/connections/:connectionId",
    summary: "Change a data connection; an omitted secret is kept",
    tag: "connections",
    params: connectionParams,
    body: connectionUpdateSchema,
    response: connectionSchema,
    handler: ({ params, body }) => {
      const stored = requireConnection(ctx, params.connectionId);
      const input = resolveConnectionInput(body, stored.config);
      const config = ctx.engine.parseConnection(input);
      requireUsableAgent(ctx.hub, config);
      return view(ctx, ctx.connections.replace(stored.id, config));
    },
  });

  routes.add({
    method: "DELETE",
    url: "/api/connections/:connectionId",
    summary: "Delete a data connection no job uses",
    tag: "connections",
    params: connectionParams,
    status: 204,
    handler: ({ params }) => {
      deleteConnection(ctx, params.connectionId);
      return undefined;
    },
  });

  routes.add({
    method: "POST",
    url: "/api/connections/:connectionId/test",
    summary: "Test a saved connection: network, TLS, token, table probes",
    tag: "connections",
    params: connectionParams,
    body: savedConnectionTestSchema,
    response: connectionTestReportSchema,
    handler: ({ params, body }) => {
      const stored = requireConnection(ctx, params.connectionId);
      const tables = body.tables ?? tablesUsing(ctx, stored.id);
      return runTest(ctx, stored.config, tables);
    },
  });

  routes.add({
    method: "POST",
    url: "/api/connection-test",
    summary: "Test an unsaved connection (the form's Test button)",
    tag: "connections",
    body: connectionTestInputSchema,
    response: connectionTestReportSchema,
    handler: ({ body }) => {
      const { tables, connectionId, ...input } = body;
      const stored = connectionId
        ? requireConnection(ctx, connectionId).config
        : undefined;
      const resolved = resolveConnectionInput(input, stored);
      const config = ctx.engine.parseConnection(resolved);
      requireUsableAgent(ctx.hub, config);
      return runTest(ctx, config, tables ?? []);
    },
  });
}

/**
 * A connection as the API shows it; an Uplinked one with its agent's
 * status (null when the agent no longer exists).
 */
function view(ctx: ServerContext, stored: StoredConnection) {
  const shown = connectionView(stored);
  if (stored.config.mode !== "uplinked") return shown;
  const agentId = String(stored.config.agent ?? "");
  return { ...shown, agentStatus: agentView(ctx.hub, agentId) ?? null };
}

async function runTest(
  ctx: ServerContext,
  config: EngineConnection,
  tables: readonly string[],
): Promise<ConnectionTestReport> {
  const test = () =>
    ctx.engine.testConnection(config, {
      tables,
      transport: ctx.transportFor(config),
      logger: ctx.logger.child({ connection: config.name }),
    });
  const report =
    config.mode === "uplinked"
      ? await testUplinkedConnection(ctx.hub, config, test)
      : await test();
  const secret = connectionSecret(config);
  return secret ? scrub(report, secret) : report;
}

/** Removes a secret quoted anywhere in the report's texts. */
function scrub(report: ConnectionTestReport, secret: string) {
  const clean = (text: string) => text.split(secret).join("[redacted]");
  return {
    ok: report.ok,
    checks: report.checks.map((check) => ({
      ...check,
      detail: clean(check.detail),
      ...(check.fix === undefined ? {} : { fix: clean(check.fix) }),
    })),
  };
}

function tablesUsing(ctx: ServerContext, connectionId: string): string[] {
  const tables = new Set<string>();
  for (const job of ctx.jobs.listByConnection(connectionId)) {
    for (const table of Object.keys(job.tables)) tables.add(table);
  }
  return [...tables].sort();
}

function deleteConnection(ctx: ServerContext, connectionId: string): void {
  const stored = requireConnection(ctx, connectionId);
  const jobs = ctx.jobs.listByConnection(connectionId);
  if (jobs.length > 0) {
    const names = jobs.map((job) => `"${job.name}" (${job.id})`).join(", ");
    throw new ApiError(
      409,
      "CONNECTION_IN_USE",
      `Connection "${stored.config.name}" is used by job(s) ${names}. ` +
        "Delete those jobs or move them to another connection first.",
    );
  }
  ctx.connections.delete(connectionId);
}
