import { z } from "zod";

/** Body of `POST /api/agents`. */
export const agentCreateSchema = z.strictObject({
  name: z
    .string()
    .trim()
    .min(1, "Give the agent a name, e.g. the site it runs in.")
    .max(100, "Use at most 100 characters."),
  /**
   * The Coupa host the agent will reach, to fill `--allow-host` in the
   * command. Default: a placeholder to replace.
   */
  host: z.string().trim().min(1).optional(),
});

/** A newly created agent: the only answer that carries its token. */
export const createdAgentSchema = z.object({
  id: z.string(),
  name: z.string(),
  token: z.string(),
  command: z.string(),
});

/** An agent and where it stands; never its token. */
export const agentSchema = z.object({
  id: z.string(),
  name: z.string(),
  state: z.enum(["online", "offline", "revoked"]),
  version: z.string().nullable(),
  connectedAt: z.string().nullable(),
  lastSeenAt: z.string().nullable(),
  offlineSince: z.string().nullable(),
  inFlight: z.number().int(),
  remoteAddress: z.string().nullable(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});

/** An agent as the API shows it. */
export type AgentView = z.infer<typeof agentSchema>;
