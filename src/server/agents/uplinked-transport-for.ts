import type { AgentHub } from "../../agent/agent-hub.js";
import type { Transport } from "../../coupa/transport.js";
import type { EngineConnection } from "../extraction-engine.js";

/**
 * The service's default choice of transport: an Uplinked connection's
 * requests go through its agent (`agent` holds the agent's id); a direct
 * connection gets undefined, so the Coupa client makes its own
 * `DirectTransport` from the connection (`sourceAddress` as local
 * address, `maxParallelRequests` sockets) and closes it when done, and a
 * connection test still probes DNS, TCP and TLS itself.
 */
export function uplinkedTransportFor(
  hub: AgentHub,
): (connection: EngineConnection) => Transport | undefined {
  return (connection) =>
    connection.mode === "uplinked"
      ? hub.transportFor(String(connection.agent))
      : undefined;
}
