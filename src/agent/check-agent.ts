import type { AgentHub } from "./agent-hub.js";

/** One check of a connection test, in the connection test's shape. */
export interface AgentCheck {
  readonly status: "pass" | "fail";
  readonly detail: string;
  readonly fix?: string;
}

/**
 * The first check of an Uplinked connection's test: is its agent there?
 * Later checks (token, tables) only make sense when this one passes.
 *
 * @example
 * const check = checkAgent(hub, connection.agent);
 * if (check.status === "fail") console.log(check.detail, check.fix);
 */
export function checkAgent(hub: AgentHub, agentId: string): AgentCheck {
  const agent = hub.registry.get(agentId);
  if (!agent) {
    return {
      status: "fail",
      detail: `Agent ${agentId} does not exist.`,
      fix:
        "Create an agent in the service, choose it on the connection, " +
        `then start it. ${startCommand(hub)}`,
    };
  }
  if (agent.revokedAt) {
    return {
      status: "fail",
      detail:
        `Agent ${agent.name} was revoked at ` +
        `${agent.revokedAt.toISOString()}.`,
      fix:
        "Create a new agent token, choose the agent on the connection " +
        "and restart the agent with the new token.",
    };
  }
  const status = hub.status(agentId);
  if (status?.state !== "online") {
    const since = status?.offlineSince?.toISOString() ?? "unknown";
    return {
      status: "fail",
      detail: `Agent ${agent.name} offline since ${since}.`,
      fix: startCommand(hub),
    };
  }
  return {
    status: "pass",
    detail:
      `Agent ${agent.name} online since ` +
      `${status.connectedAt?.toISOString()} (version ${status.version}, ` +
      `${status.inFlight} requests in flight).`,
  };
}

function startCommand(hub: AgentHub): string {
  return (
    "Start the agent inside your network: coupa-extractor agent " +
    `--server ${hub.publicUrl} --token <agent token> ` +
    "--allow-host <your Coupa host>"
  );
}
