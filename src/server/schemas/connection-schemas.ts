import { z } from "zod";

const oauthAuth = z.strictObject({
  type: z.literal("oauth"),
  clientId: z.string().trim().min(1, "Enter the OAuth client id."),
  /** Omitted on update: the stored secret is kept. */
  clientSecret: z.string().min(1).optional(),
  scopes: z.array(z.string().min(1)).optional(),
});

const apiKeyAuth = z.strictObject({
  type: z.literal("apiKey"),
  /** Omitted on update: the stored key is kept. */
  key: z.string().min(1).optional(),
});

/**
 * A Coupa data connection as the API accepts it. The connection module
 * validates it in depth (host forms, API version, cluster); this schema
 * gives the request its shape and its OpenAPI description.
 */
export const connectionInputSchema = z.strictObject({
  name: z.string().trim().min(1, "Give the connection a name.").max(200),
  // No default here: the connection module defaults it, and a default
  // would survive `.partial()` and overwrite the stored mode on update.
  mode: z.enum(["direct", "uplinked"]).optional(),
  agent: z.string().min(1).optional(),
  host: z.string().trim().min(1, "Enter the Coupa tenant or host."),
  auth: z.discriminatedUnion("type", [oauthAuth, apiKeyAuth]),
  apiVersion: z.string().min(1).optional(),
  cluster: z.string().min(1).optional(),
  sourceAddress: z.string().min(1).optional(),
  requestsPerSecond: z.number().positive().optional(),
  burst: z.number().int().positive().optional(),
  maxParallelRequests: z.number().int().positive().optional(),
  requestTimeoutMs: z.number().int().positive().optional(),
  allowInsecureHttp: z.boolean().optional(),
});

/** A connection body as the API accepts it. */
export type ConnectionInput = z.infer<typeof connectionInputSchema>;

/** Body of `PATCH /api/connections/:connectionId`: any subset. */
export const connectionUpdateSchema = connectionInputSchema.partial();

/**
 * Body of `POST /api/connection-test`: an unsaved connection, the tables
 * to probe, and optionally the saved connection it edits (whose stored
 * secret fills an omitted one).
 */
export const connectionTestInputSchema = connectionInputSchema.extend({
  tables: z.array(z.string()).optional(),
  connectionId: z.string().optional(),
});

/** Body of `POST /api/connections/:connectionId/test`. */
export const savedConnectionTestSchema = z
  .strictObject({ tables: z.array(z.string()).optional() })
  .default({});

/** A connection as the API returns it: secrets masked. */
export const connectionSchema = z
  .object({
    id: z.string(),
    poolId: z.string(),
    name: z.string(),
    mode: z.string(),
    host: z.string(),
    auth: z.record(z.string(), z.unknown()),
    apiVersion: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .catchall(z.unknown());

/** The report of a connection test. */
export const connectionTestReportSchema = z.object({
  ok: z.boolean(),
  checks: z.array(
    z.object({
      name: z.string(),
      status: z.enum(["pass", "fail", "skip"]),
      detail: z.string(),
      fix: z.string().optional(),
    }),
  ),
});
