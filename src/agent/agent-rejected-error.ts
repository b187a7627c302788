import { AGENT_CLOSE_CODES } from "./agent-close-codes.js";

/**
 * The service ended the agent's connection for a reason that retrying
 * cannot fix (bad or revoked token, another agent with the same token,
 * protocol mismatch): the agent stops and says what to do.
 */
export class AgentRejectedError extends Error {
  override readonly name = "AgentRejectedError";
  readonly code = "AGENT_REJECTED";
  readonly retryable = false;

  constructor(
    readonly closeCode: number,
    readonly reason: string,
  ) {
    super(messageFor(closeCode, reason));
  }
}

function messageFor(closeCode: number, reason: string): string {
  const said = `The service closed the agent's connection (${closeCode}: ${
    reason || "no reason given"
  }).`;
  switch (closeCode) {
    case AGENT_CLOSE_CODES.tokenRejected:
    case AGENT_CLOSE_CODES.revoked:
      return (
        `${said} The agent token is unknown or revoked: create a new ` +
        "agent token in the service and start the agent with " +
        "--token <new token>."
      );
    case AGENT_CLOSE_CODES.replaced:
      return (
        `${said} Another agent uses the same token: run one agent per ` +
        "token, or create a separate token for this one."
      );
    default:
      return `${said} Update the agent to the service's version.`;
  }
}
