import { existsSync, rmSync } from "node:fs";
import { z } from "zod";
import {
  MIN_MEMORY_LIMIT_MB,
  minMemoryLimitMb,
} from "../../load/pool-memory.js";
import { ApiError } from "../api-error.js";
import type { ApiRoutes } from "../http/api-routes.js";
import {
  type Pool,
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
    summary: "Change a data pool's name, description or memory limit",
    tag: "pools",
    params: poolParams,
    body: poolUpdateSchema,
    response: poolSchema,
    handler: async ({ params, body }) => {
      const pool = requirePool(ctx, params.poolId);
      await checkMemoryLimit(ctx, pool, body.memoryLimitMb);
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

/**
 * A cap under 256 MB needs a pool file with 16 KB blocks, which a file
 * gets only when its first run had such a cap: the file's own block size
 * decides. A pool that has never run takes any cap.
 */
async function checkMemoryLimit(
  ctx: ServerContext,
  pool: Pool,
  wanted: number | null | undefined,
): Promise<void> {
  if (wanted === undefined || wanted === null) return;
  if (wanted >= MIN_MEMORY_LIMIT_MB) return;
  const path = ctx.paths.pool(pool.id);
  if (!existsSync(path)) return;
  const reader = await ctx.engine.openPoolReader(path);
  const blockSize = await reader.blockSize().finally(() => reader.close());
  if (wanted >= minMemoryLimitMb(blockSize)) return;
  throw new ApiError(
    409,
    "POOL_FILE_EXISTS",
    `Data pool "${pool.name}" already holds data in a file with ` +
      `${blockSize / 1024} KB blocks, for which DuckDB needs ` +
      `${MIN_MEMORY_LIMIT_MB} MB or more; memoryLimitMb ${wanted} would ` +
      `fail its runs. Keep ${MIN_MEMORY_LIMIT_MB} MB or more, or create a ` +
      "new data pool with the smaller limit.",
  );
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
