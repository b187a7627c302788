/**
 * The wire protocol between an Uplinked agent and the service, over one
 * WebSocket that the agent opens. Control frames are JSON text; response
 * bodies travel as binary frames (`encodeChunk`) so large pages are not
 * inflated by base64.
 *
 * Agent → service: `hello`, then `response` heads (each followed by its
 * body chunks) and `error`s. Service → agent: `welcome`, `request`,
 * `cancel` and `credit` (bytes the agent may send again). Liveness uses
 * WebSocket ping/pong in both directions.
 */
import { z } from "zod";

/** Version of this protocol; a hello with another one is refused. */
export const PROTOCOL_VERSION = 1;

const failureKind = z.enum([
  "dns",
  "connect",
  "reset",
  "tls",
  "timeout",
  "aborted",
  "refused",
  "unavailable",
]);

const headers = z.record(z.string(), z.string());
const requestId = z.number().int().nonnegative();

const agentFrameSchema = z.discriminatedUnion("t", [
  z.object({
    t: z.literal("hello"),
    protocol: z.number().int(),
    version: z.string().max(64),
    token: z.string().max(512),
    maxConcurrent: z.number().int().positive().max(1024),
  }),
  z.object({
    t: z.literal("response"),
    id: requestId,
    status: z.number().int().min(100).max(599),
    headers,
    /** Bytes of body that follow in chunks, as sent (encoded). */
    length: z.number().int().nonnegative(),
    /** How the agent compressed the body for the way; absent: as is. */
    encoding: z.literal("gzip").optional(),
  }),
  z.object({
    t: z.literal("error"),
    id: requestId,
    kind: failureKind,
    message: z.string().max(4096),
  }),
]);

const serviceFrameSchema = z.discriminatedUnion("t", [
  z.object({
    t: z.literal("welcome"),
    agentId: z.string(),
    name: z.string(),
    maxInFlight: z.number().int().positive(),
    windowBytes: z.number().int().positive(),
  }),
  z.object({
    t: z.literal("request"),
    id: requestId,
    method: z.enum(["GET", "POST"]),
    url: z.string(),
    headers,
    body: z.string().optional(),
    timeoutMs: z.number().int().positive(),
  }),
  z.object({ t: z.literal("cancel"), id: requestId }),
  z.object({ t: z.literal("credit"), bytes: z.number().int().positive() }),
]);

/** A JSON frame sent by the agent. */
export type AgentFrame = z.infer<typeof agentFrameSchema>;

/** A JSON frame sent by the service. */
export type ServiceFrame = z.infer<typeof serviceFrameSchema>;

/** Parses a text frame from the agent; undefined when it is malformed. */
export function parseAgentFrame(text: string): AgentFrame | undefined {
  return parseWith(agentFrameSchema, text);
}

/** Parses a text frame from the service; undefined when it is malformed. */
export function parseServiceFrame(text: string): ServiceFrame | undefined {
  return parseWith(serviceFrameSchema, text);
}

function parseWith<T>(schema: z.ZodType<T>, text: string): T | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/** A binary frame: 4 bytes of request id (big endian), then body bytes. */
export function encodeChunk(id: number, data: Buffer): Buffer {
  const frame = Buffer.allocUnsafe(4 + data.length);
  frame.writeUInt32BE(id, 0);
  data.copy(frame, 4);
  return frame;
}

/** Splits a binary frame into its request id and body bytes. */
export function decodeChunk(
  frame: Buffer,
): { id: number; data: Buffer } | undefined {
  if (frame.length < 4) return undefined;
  return { id: frame.readUInt32BE(0), data: frame.subarray(4) };
}
