import { z } from "zod";
import { ApiError, type FieldIssue } from "../api-error.js";
import { EngineValidationError } from "../extraction-engine.js";
import type { ApiRoutes } from "../http/api-routes.js";
import { validationError } from "../http/validate-input.js";
import type { JobFields, StoredJob } from "../model/job-repository.js";
import { CronSchedule } from "../scheduler/cron-schedule.js";
import {
  jobInputSchema,
  jobSchema,
  jobUpdateSchema,
} from "../schemas/job-schemas.js";
import { runSchema } from "../schemas/run-schemas.js";
import type { ServerContext } from "../server-context.js";
import { requireJob, requirePool } from "./lookups.js";

const poolParams = z.object({ poolId: z.string() });
const jobParams = z.object({ jobId: z.string() });

/** CRUD of extraction jobs and starting their runs. */
export function registerJobRoutes(routes: ApiRoutes, ctx: ServerContext) {
  routes.add({
    method: "GET",
    url: "/api/pools/:poolId/jobs",
    summary: "List a pool's extraction jobs",
    tag: "jobs",
    params: poolParams,
    response: z.array(jobSchema),
    handler: ({ params }) => {
      requirePool(ctx, params.poolId);
      return ctx.jobs.listByPool(params.poolId).map((job) => jobView(ctx, job));
    },
  });

  routes.add({
    method: "POST",
    url: "/api/pools/:poolId/jobs",
    summary: "Create an extraction job",
    tag: "jobs",
    params: poolParams,
    body: jobInputSchema,
    status: 201,
    response: jobSchema,
    handler: ({ params, body }) => {
      requirePool(ctx, params.poolId);
      checkJob(ctx, params.poolId, body);
      return jobView(ctx, ctx.jobs.create(params.poolId, body));
    },
  });

  routes.add({
    method: "GET",
    url: "/api/jobs/:jobId",
    summary: "Get an extraction job",
    tag: "jobs",
    params: jobParams,
    response: jobSchema,
    handler: ({ params }) => jobView(ctx, requireJob(ctx, params.jobId)),
  });

  routes.add({
    method: "PATCH",
    url: "/api/jobs/:jobId",
    summary: "Change an extraction job",
    tag: "jobs",
    params: jobParams,
    body: jobUpdateSchema,
    response: jobSchema,
    handler: ({ params, body }) => {
      const job = requireJob(ctx, params.jobId);
      const fields: JobFields = { ...pickFields(job), ...body };
      checkJob(ctx, job.poolId, fields);
      return jobView(ctx, ctx.jobs.replace(job.id, fields));
    },
  });

  routes.add({
    method: "DELETE",
    url: "/api/jobs/:jobId",
    summary: "Delete an extraction job and its run history",
    tag: "jobs",
    params: jobParams,
    status: 204,
    handler: ({ params }) => {
      const job = requireJob(ctx, params.jobId);
      const active = ctx.runManager.activeRunOf(job.id);
      if (active) {
        throw new ApiError(
          409,
          "RUN_IN_PROGRESS",
          `Job "${job.name}" has run ${active} in progress. Cancel it ` +
            `(POST /api/runs/${active}/cancel) and delete the job once it has stopped.`,
        );
      }
      ctx.jobs.delete(job.id);
      return undefined;
    },
  });

  routes.add({
    method: "POST",
    url: "/api/jobs/:jobId/runs",
    summary: "Run a job now; 409 when it already has a run in progress",
    tag: "runs",
    params: jobParams,
    status: 202,
    response: runSchema,
    handler: ({ params }) =>
      ctx.runManager.start(requireJob(ctx, params.jobId), "manual"),
  });
}

/** A job as the API shows it, with when it runs next. */
function jobView(ctx: ServerContext, job: StoredJob) {
  const next = ctx.scheduler.nextRunAt(job);
  return { ...job, nextRunAt: next ? next.toISOString() : null };
}

function pickFields(job: StoredJob): JobFields {
  const { connectionId, name, tables, mode, schedule, enabled } = job;
  return { connectionId, name, tables, mode, schedule, enabled };
}

/**
 * Checks what the schema cannot: the connection belongs to the pool, the
 * schedule parses, and the extraction module accepts the tables. Every
 * problem is reported at once.
 */
function checkJob(ctx: ServerContext, poolId: string, fields: JobFields) {
  const issues: FieldIssue[] = [];
  const connection = ctx.connections.get(fields.connectionId);
  if (!connection || connection.poolId !== poolId) {
    issues.push({
      path: "connectionId",
      message: `No data connection "${fields.connectionId}" in this pool. Choose one from GET /api/pools/${poolId}/connections.`,
    });
  }
  const scheduleProblem =
    fields.schedule === null
      ? undefined
      : CronSchedule.problem(fields.schedule);
  if (scheduleProblem)
    issues.push({ path: "schedule", message: scheduleProblem });
  if (connection) issues.push(...tableIssues(ctx, fields, connection.config));
  if (issues.length > 0) throw validationError("body", issues);
}

function tableIssues(
  ctx: ServerContext,
  fields: JobFields,
  connection: Parameters<ServerContext["engine"]["parseTables"]>[1],
): FieldIssue[] {
  if (Object.keys(fields.tables).length === 0) {
    return [{ path: "tables", message: "Choose at least one table." }];
  }
  try {
    ctx.engine.parseTables(fields.tables, connection);
    return [];
  } catch (error) {
    if (error instanceof EngineValidationError) return [...error.fields];
    throw error;
  }
}
