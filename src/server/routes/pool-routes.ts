import { rmSync } from "node:fs";
import { z } from "zod";
import { ApiError } from "../api-error.js";
import type { ApiRoutes } from "../http/api-routes.js";
import {
  poolCreateSchema,
  poolSchema,
  poolUpdateSchema,
} from "../schemas/pool-schemas.js";
import type { ServerContext } from "../server-context.js";
import { requirePool } from "./lookups.js";

const poolParams = z.object({ poolId: z.string() });

/** CRUD of data pools. */
export function registerPoolRoutes(routes: ApiRoutes, ctx: ServerContext) {
  routes.add({
    method: "GET",
    url: "/api/pools",
    summary: "List data pools",
    tag: "pools",
    response: z.array(poolSchema),
    handler: () => ctx.pools.list(),
  });

  routes.add({
    method: "POST",
    url: "/api/pools",
    summary: "Create a data pool",
    tag: "pools",
    body: poolCreateSchema,
    status: 201,
    response: poolSchema,
    handler: ({ body }) => ctx.pools.create(body),
  });

  routes.add({
    method: "GET",
    url: "/api/pools/:poolId",
    summary: "Get a data pool",
    tag: "pools",
    params: poolParams,
    response: poolSchema,
    handler: ({ params }) => requirePool(ctx, params.poolId),
  });

  routes.add({
    method: "PATCH",
    url: "/api/pools/:poolId",
    summary: "Change a data pool's name or description",
    tag: "pools",
    params: poolParams,
    body: poolUpdateSchema,
    response: poolSchema,
    handler: ({ params, body }) => {
      requirePool(ctx, params.poolId);
      return ctx.pools.update(params.poolId, body);
    },
  });

  routes.add({
    method: "DELETE",
    url: "/api/pools/:poolId",
    summary: "Delete a data pool with its connections, jobs, runs and data",
    tag: "pools",
    params: poolParams,
    status: 204,
    handler: ({ params }) => {
      deletePool(ctx, params.poolId);
      return undefined;
    },
  });
}

function deletePool(ctx: ServerContext, poolId: string): void {
  const pool = requirePool(ctx, poolId);
  if (ctx.runManager.poolBusy(poolId)) {
    throw new ApiError(
      409,
      "RUN_IN_PROGRESS",
      `Data pool "${pool.name}" has a run in progress. Cancel it (POST ` +
        "/api/runs/<runId>/cancel) and delete the pool once it has stopped.",
    );
  }
  for (const connection of ctx.connections.listByPool(poolId)) {
    for (const job of ctx.jobs.listByConnection(connection.id)) {
      ctx.jobs.delete(job.id);
    }
    ctx.connections.delete(connection.id);
  }
  ctx.pools.delete(poolId);
  const file = ctx.paths.pool(poolId);
  for (const path of [file, `${file}.wal`]) rmSync(path, { force: true });
}
