import { z } from "zod";

const resource = z.string().min(1);
const count = z.number().int().min(0).default(1);

/** Body of a mutation: which data change to make, delegated to `data`. */
export const mutationSchema = z.discriminatedUnion("op", [
  z.object({
    op: z.literal("update"),
    resource,
    count,
    ids: z.array(z.number().int()).optional(),
    touchLines: z.boolean().optional(),
  }),
  z.object({ op: z.literal("insert"), resource, count }),
  z.object({
    op: z.literal("remove"),
    resource,
    count,
    ids: z.array(z.number().int()).optional(),
  }),
  z.object({
    op: z.literal("addCustomField"),
    resource,
    name: z.string().min(1),
    type: z.enum(["string", "integer", "decimal", "boolean", "datetime"]),
  }),
]);

/** A data change; `count` defaults to 1. */
export type SimulatorMutation = z.input<typeof mutationSchema>;

/** Body of a new OAuth client; scopes default to every read scope. */
export const clientInputSchema = z.object({
  clientId: z.string().min(1).optional(),
  clientSecret: z.string().min(1).optional(),
  scopes: z.array(z.string().min(1)).optional(),
});

/** A new OAuth client as the admin asks for it. */
export type ClientInput = z.input<typeof clientInputSchema>;

/** Body of a new legacy API key. */
export const apiKeyInputSchema = z.object({
  login: z.string().min(1),
  email: z.string().min(3),
  expiresAt: z.string().nullable().optional(),
  permissions: z.array(z.string().min(1)).nullable().optional(),
  ipAllowlist: z.array(z.string().min(1)).nullable().optional(),
});
