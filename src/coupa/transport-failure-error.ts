import { AgentRefusedError } from "./errors/agent-refused-error.js";
import { AgentUnavailableError } from "./errors/agent-unavailable-error.js";
import { ConnectionLostError } from "./errors/connection-lost-error.js";
import { ConnectionRefusedError } from "./errors/connection-refused-error.js";
import type { CoupaError, RequestContext } from "./errors/coupa-error.js";
import { HostNotFoundError } from "./errors/host-not-found-error.js";
import { TimeoutError } from "./errors/timeout-error.js";
import { TlsError } from "./errors/tls-error.js";
import type { TransportError } from "./transport.js";

/**
 * The client's error for a request that got no HTTP answer, by the
 * transport's failure kind (`aborted` is not one: the caller's reason is
 * thrown as it is). An Uplinked agent's refusal or absence keeps the
 * agent's message as it is: firewall advice would mislead there.
 */
export function transportFailureError(
  error: TransportError,
  context: RequestContext,
  timeoutMs: number,
): CoupaError {
  const cause = { cause: error };
  switch (error.kind) {
    case "dns":
      return new HostNotFoundError(context, cause);
    case "tls":
      return new TlsError(context, error.message, cause);
    case "timeout":
      return new TimeoutError(context, timeoutMs, 1, cause);
    case "refused":
      return new AgentRefusedError(context, error.message, cause);
    case "unavailable":
      return new AgentUnavailableError(context, error.message, cause);
    case "reset":
      return new ConnectionLostError(context, 1, cause);
    default:
      return new ConnectionRefusedError(context, error.message, cause);
  }
}
