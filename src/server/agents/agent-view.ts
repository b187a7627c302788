import type { AgentHub } from "../../agent/agent-hub.js";
import type { AgentView } from "../schemas/agent-schemas.js";

/**
 * An agent's registry entry and live status as the API shows them, or
 * undefined when the id is unknown. A revoked agent's state is
 * `revoked`, whatever its last connection did.
 */
export function agentView(
  hub: AgentHub,
  agentId: string,
): AgentView | undefined {
  const agent = hub.registry.get(agentId);
  const status = hub.status(agentId);
  if (!agent || !status) return undefined;
  return {
    id: agent.id,
    name: agent.name,
    state: agent.revokedAt ? "revoked" : status.state,
    version: status.version,
    connectedAt: iso(status.connectedAt),
    lastSeenAt: iso(status.lastSeenAt),
    offlineSince: iso(status.offlineSince),
    inFlight: status.inFlight,
    remoteAddress: status.remoteAddress,
    createdAt: agent.createdAt.toISOString(),
    revokedAt: iso(agent.revokedAt),
  };
}

function iso(date: Date | null): string | null {
  return date ? date.toISOString() : null;
}
