/** A bad agent setting (server URL, proxy, limits), named with its fix. */
export class AgentConfigError extends Error {
  override readonly name = "AgentConfigError";
  readonly code = "AGENT_CONFIG_INVALID";
  readonly retryable = false;
}
