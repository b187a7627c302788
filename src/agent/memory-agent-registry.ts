import { randomUUID } from "node:crypto";
import type {
  AgentInfo,
  AgentRegistry,
  CreatedAgent,
} from "./agent-registry.js";
import { createAgentToken, hashAgentToken } from "./agent-token.js";

/**
 * Agents kept in memory, for tests and one-off runs. Like the SQLite
 * registry it stores only token hashes.
 */
export class MemoryAgentRegistry implements AgentRegistry {
  readonly #agents = new Map<string, AgentInfo & { hash: string }>();
  readonly #clock: () => Date;

  /** @param clock Source of `createdAt`/`revokedAt`. Default `new Date()`. */
  constructor(clock: () => Date = () => new Date()) {
    this.#clock = clock;
  }

  create(name: string): CreatedAgent {
    const id = randomUUID();
    const token = createAgentToken();
    this.#agents.set(id, {
      id,
      name,
      createdAt: this.#clock(),
      revokedAt: null,
      hash: hashAgentToken(token),
    });
    return { id, name, token };
  }

  verify(token: string): AgentInfo | null {
    const hash = hashAgentToken(token);
    for (const agent of this.#agents.values()) {
      if (agent.hash === hash && !agent.revokedAt) return strip(agent);
    }
    return null;
  }

  get(id: string): AgentInfo | null {
    const agent = this.#agents.get(id);
    return agent ? strip(agent) : null;
  }

  revoke(id: string): boolean {
    const agent = this.#agents.get(id);
    if (!agent) return false;
    this.#agents.set(id, { ...agent, revokedAt: this.#clock() });
    return true;
  }

  list(): AgentInfo[] {
    return [...this.#agents.values()].map(strip);
  }
}

function strip(agent: AgentInfo & { hash: string }): AgentInfo {
  const { hash: _hash, ...info } = agent;
  return info;
}
