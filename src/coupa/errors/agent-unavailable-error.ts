import { CoupaError, type RequestContext } from "./coupa-error.js";

/**
 * The connection's Uplinked agent is not there: offline, revoked or
 * unknown. The message is the service's own ("Agent X is offline since
 * …", with the command that starts it); the request may succeed once the
 * agent is back.
 */
export class AgentUnavailableError extends CoupaError {
  readonly code = "AGENT_UNAVAILABLE";
  readonly retryable = true;

  /** @param detail The hub's message, naming the agent and how to start it. */
  constructor(
    context: RequestContext,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(detail, context, options);
  }
}
