import { notFound } from "../api-error.js";
import type { StoredConnection } from "../model/connection-repository.js";
import type { StoredJob } from "../model/job-repository.js";
import type { Pool } from "../schemas/pool-schemas.js";
import type { Run } from "../schemas/run-schemas.js";
import type { ServerContext } from "../server-context.js";

/** The pool with this id, or a 404. */
export function requirePool(ctx: ServerContext, id: string): Pool {
  const pool = ctx.pools.get(id);
  if (!pool) throw notFound("data pool", id, "List pools with GET /api/pools.");
  return pool;
}

/** The connection with this id, or a 404. */
export function requireConnection(
  ctx: ServerContext,
  id: string,
): StoredConnection {
  const connection = ctx.connections.get(id);
  if (!connection) {
    throw notFound(
      "data connection",
      id,
      "List a pool's connections with GET /api/pools/<poolId>/connections.",
    );
  }
  return connection;
}

/** The job with this id, or a 404. */
export function requireJob(ctx: ServerContext, id: string): StoredJob {
  const job = ctx.jobs.get(id);
  if (!job) {
    throw notFound(
      "extraction job",
      id,
      "List a pool's jobs with GET /api/pools/<poolId>/jobs.",
    );
  }
  return job;
}

/** The run with this id (live progress included), or a 404. */
export function requireRun(ctx: ServerContext, id: string): Run {
  if (!ctx.runs.get(id)) {
    throw notFound(
      "run",
      id,
      "List a pool's runs with GET /api/pools/<poolId>/runs.",
    );
  }
  return ctx.runManager.get(id);
}
