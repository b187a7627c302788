import type { AgentHub } from "../../agent/agent-hub.js";
import type { EngineConnection } from "../extraction-engine.js";
import { validationError } from "../http/validate-input.js";

/**
 * Checks that an Uplinked connection's `agent` is the id of an existing,
 * not revoked agent; throws a 400 `VALIDATION` on field `agent`
 * otherwise. Direct connections pass as they are.
 */
export function requireUsableAgent(
  hub: AgentHub,
  config: EngineConnection,
): void {
  if (config.mode !== "uplinked") return;
  const id = String(config.agent ?? "");
  const agent = hub.registry.get(id);
  const message = !agent
    ? `No agent with id "${id}". Choose one from GET /api/agents, or ` +
      "create one with POST /api/agents."
    : agent.revokedAt
      ? `Agent ${agent.name} (${id}) was revoked. Create a new agent with ` +
        "POST /api/agents and choose it."
      : undefined;
  if (message) throw validationError("body", [{ path: "agent", message }]);
}
