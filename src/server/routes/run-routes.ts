import { z } from "zod";
import type { ApiRoutes } from "../http/api-routes.js";
import { runLogLineSchema, runSchema } from "../schemas/run-schemas.js";
import type { ServerContext } from "../server-context.js";
import { requirePool, requireRun } from "./lookups.js";
import { streamRunEvents } from "./stream-run-events.js";

const runParams = z.object({ runId: z.string() });

/** Runs: list, status, cancel, logs and live events. */
export function registerRunRoutes(routes: ApiRoutes, ctx: ServerContext) {
  routes.add({
    method: "GET",
    url: "/api/pools/:poolId/runs",
    summary: "The pool's recent runs, newest first, with progress",
    tag: "runs",
    params: z.object({ poolId: z.string() }),
    query: z.object({
      limit: z.coerce.number().int().min(1).max(500).default(50),
    }),
    response: z.array(runSchema),
    handler: ({ params, query }) => {
      requirePool(ctx, params.poolId);
      return ctx.runs
        .listByPool(params.poolId, query.limit)
        .map((run) => ctx.runManager.get(run.id));
    },
  });

  routes.add({
    method: "GET",
    url: "/api/runs/:runId",
    summary: "A run's status, progress and report",
    tag: "runs",
    params: runParams,
    response: runSchema,
    handler: ({ params }) => requireRun(ctx, params.runId),
  });

  routes.add({
    method: "POST",
    url: "/api/runs/:runId/cancel",
    summary: "Cancel a run; checkpoints are kept",
    tag: "runs",
    params: runParams,
    status: 202,
    response: runSchema,
    handler: ({ params }) => {
      requireRun(ctx, params.runId);
      return ctx.runManager.cancel(params.runId);
    },
  });

  routes.add({
    method: "GET",
    url: "/api/runs/:runId/logs",
    summary: "A run's kept log lines, oldest first",
    tag: "runs",
    params: runParams,
    query: z.object({ after: z.coerce.number().int().min(0).default(0) }),
    response: z.array(runLogLineSchema),
    handler: ({ params, query }) => {
      requireRun(ctx, params.runId);
      return ctx.logs.list(params.runId, query.after);
    },
  });

  routes.add({
    method: "GET",
    url: "/api/runs/:runId/events",
    summary:
      "Server-sent events: progress, log and a final done (with the " +
      "report). Accepts ?token= since EventSource cannot send headers.",
    tag: "runs",
    params: runParams,
    query: z.object({ token: z.string().optional() }),
    produces: "text/event-stream",
    handler: ({ params, reply }) => {
      const run = requireRun(ctx, params.runId);
      streamRunEvents(ctx, run, reply);
      return reply;
    },
  });
}
