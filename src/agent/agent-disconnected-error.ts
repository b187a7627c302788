/**
 * The agent's connection closed before a request was answered. The
 * `AgentTransport` catches it, waits for the agent to come back and sends
 * the request again; it reaches callers only through that retry logic.
 */
export class AgentDisconnectedError extends Error {
  override readonly name = "AgentDisconnectedError";
  readonly code = "AGENT_DISCONNECTED";
  readonly retryable = true;

  constructor(agentName: string) {
    super(
      `Agent ${agentName} disconnected before answering. The request is ` +
        "sent again when the agent reconnects.",
    );
  }
}
