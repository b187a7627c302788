import { z } from "zod";

/** Where a run stands. */
export const runStatusSchema = z.enum([
  "queued",
  "running",
  "succeeded",
  "failed",
  "cancelled",
]);

/** Status of a run. */
export type RunStatus = z.infer<typeof runStatusSchema>;

/** A run as the API returns it. */
export const runSchema = z.object({
  id: z.string(),
  poolId: z.string(),
  jobId: z.string(),
  trigger: z.enum(["manual", "schedule", "resume"]),
  status: runStatusSchema,
  mode: z.string(),
  attempts: z.number(),
  progress: z.unknown().nullable(),
  report: z.unknown().nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});

/** A run as the API returns it. */
export type Run = z.infer<typeof runSchema>;

/** One stored log line of a run. */
export const runLogLineSchema = z
  .object({
    seq: z.number(),
    level: z.string(),
    time: z.string(),
    msg: z.string(),
  })
  .catchall(z.unknown());

/** Query of `GET /api/pools/:poolId/tables/:table/rows`. */
export const rowsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
