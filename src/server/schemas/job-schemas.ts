import { z } from "zod";

/**
 * Settings of one table in a job, as the API accepts them. The
 * extraction module validates them in depth (known columns, filter
 * operators); see its config documentation.
 */
export const tableSettingsInputSchema = z.strictObject({
  target: z.string().min(1).optional(),
  columns: z.array(z.unknown()).optional(),
  filter: z
    .union([
      z.string(),
      z.record(z.string(), z.unknown()),
      z.array(z.unknown()),
    ])
    .optional(),
  pseudonymize: z.array(z.string()).optional(),
  lookback: z.union([z.string(), z.number()]).optional(),
  detectDeletes: z.boolean().optional(),
  drift: z.enum(["evolve", "fail"]).optional(),
});

/** Extraction mode of a job. */
export const extractionModeSchema = z.enum(["full", "delta", "auto"]);

/** Body of `POST /api/pools/:poolId/jobs`. */
export const jobInputSchema = z.strictObject({
  name: z.string().trim().min(1, "Give the job a name.").max(200),
  connectionId: z.string().min(1, "Choose the job's data connection."),
  tables: z
    .record(z.string(), tableSettingsInputSchema)
    .refine((tables) => Object.keys(tables).length > 0, {
      message: "Choose at least one table.",
    }),
  mode: extractionModeSchema.default("auto"),
  schedule: z.string().trim().min(1).nullable().default(null),
  enabled: z.boolean().default(true),
});

/** A job body as the API accepts it. */
export type JobInput = z.infer<typeof jobInputSchema>;

/** Body of `PATCH /api/jobs/:jobId`: any subset. */
export const jobUpdateSchema = z
  .strictObject({
    name: z.string().trim().min(1, "Give the job a name.").max(200),
    connectionId: z.string().min(1),
    tables: z.record(z.string(), tableSettingsInputSchema),
    mode: extractionModeSchema,
    schedule: z.string().trim().min(1).nullable(),
    enabled: z.boolean(),
  })
  .partial();

/** A job as the API returns it. */
export const jobSchema = z.object({
  id: z.string(),
  poolId: z.string(),
  name: z.string(),
  connectionId: z.string(),
  tables: z.record(z.string(), z.record(z.string(), z.unknown())),
  mode: extractionModeSchema,
  schedule: z.string().nullable(),
  enabled: z.boolean(),
  nextRunAt: z.string().nullable(),
  lastScheduledAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** A job as the API returns it. */
export type Job = z.infer<typeof jobSchema>;
