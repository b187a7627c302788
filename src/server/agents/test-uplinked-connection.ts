import type { AgentHub } from "../../agent/agent-hub.js";
import { checkAgent } from "../../agent/check-agent.js";
import type {
  ConnectionTestReport,
  EngineConnection,
} from "../extraction-engine.js";

/**
 * An Uplinked connection's test: first the `agent` check (is the agent
 * online?). When it fails, nothing else runs, since every later check
 * would only repeat that the agent is away; when it passes, `rest` runs
 * the usual checks through the agent and follows it in the report.
 */
export async function testUplinkedConnection(
  hub: AgentHub,
  config: EngineConnection,
  rest: () => Promise<ConnectionTestReport>,
): Promise<ConnectionTestReport> {
  const check = { name: "agent", ...checkAgent(hub, String(config.agent)) };
  if (check.status === "fail") return { ok: false, checks: [check] };
  const report = await rest();
  return { ok: report.ok, checks: [check, ...report.checks] };
}
