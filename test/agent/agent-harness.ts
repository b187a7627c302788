import pino from "pino";
import { HostAllowlist } from "../../src/agent/host-allowlist.js";
import {
  type RunAgentOptions,
  type RunningAgent,
  runAgent,
} from "../../src/agent/run-agent.js";
import { DirectTransport } from "../../src/coupa/direct-transport.js";

/** Agents started by a test, stopped by `stopAll` in `afterEach`. */
export class AgentHarness {
  readonly #running: { agent: RunningAgent; close(): Promise<void> }[] = [];

  /**
   * Starts an in-process agent with a `DirectTransport`, a silent logger
   * and fast reconnects unless the options say otherwise.
   */
  start(
    options: Pick<RunAgentOptions, "server" | "token"> &
      Partial<Omit<RunAgentOptions, "allowlist">> & { allow?: string[] },
  ): RunningAgent {
    const transport = options.transport ?? new DirectTransport();
    const agent = runAgent({
      logger: pino({ level: "silent" }),
      backoff: { initialMs: 50, maxMs: 200 },
      ...options,
      transport,
      allowlist: new HostAllowlist(options.allow ?? ["127.0.0.1"]),
    });
    agent.done.catch(() => undefined);
    this.#running.push({ agent, close: () => transport.close() });
    return agent;
  }

  /** Stops every agent and closes its transport. */
  async stopAll(): Promise<void> {
    for (const { agent, close } of this.#running.splice(0)) {
      await agent.stop();
      await close();
    }
  }
}
