/**
 * WebSocket close codes the service uses to end an agent's connection
 * (the 4000–4999 range is free for applications). An agent treats
 * `tokenRejected`, `revoked` and `replaced` as final and stops instead of
 * reconnecting: retrying cannot fix them.
 */
export const AGENT_CLOSE_CODES = {
  /** No hello within the time allowed. */
  helloTimeout: 4000,
  /** The token is unknown or was revoked. */
  tokenRejected: 4001,
  /** The agent speaks another protocol version or sent a bad frame. */
  protocolError: 4002,
  /** The agent's token was revoked while it was connected. */
  revoked: 4003,
  /** Another connection with the same token took this one's place. */
  replaced: 4004,
  /** The service is shutting down; reconnect later. */
  shuttingDown: 4005,
} as const;

/** Close codes after which an agent stops for good. */
export const FINAL_CLOSE_CODES: ReadonlySet<number> = new Set([
  AGENT_CLOSE_CODES.tokenRejected,
  AGENT_CLOSE_CODES.protocolError,
  AGENT_CLOSE_CODES.revoked,
  AGENT_CLOSE_CODES.replaced,
]);
