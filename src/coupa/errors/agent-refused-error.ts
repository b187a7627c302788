import { CoupaError, type RequestContext } from "./coupa-error.js";

/**
 * The Uplinked agent refused the request: its host is not in the agent's
 * allowlist. The agent's own message names the host and the
 * `--allow-host` option that admits it; a retry cannot help until the
 * agent is restarted with it.
 */
export class AgentRefusedError extends CoupaError {
  readonly code = "AGENT_REFUSED";
  readonly retryable = false;

  /** @param detail The agent's message, naming the host and the fix. */
  constructor(
    context: RequestContext,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(detail, context, options);
  }
}
