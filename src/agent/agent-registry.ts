/** An agent as the service knows it; never carries its token. */
export interface AgentInfo {
  readonly id: string;
  readonly name: string;
  readonly createdAt: Date;
  /** Set once the agent's token was revoked. */
  readonly revokedAt: Date | null;
}

/** A newly created agent with its token, which is shown this once. */
export interface CreatedAgent {
  readonly id: string;
  readonly name: string;
  /** The secret the agent presents; only its SHA-256 hash is stored. */
  readonly token: string;
}

/**
 * Where the service keeps its agents. The hub asks only `verify` and
 * `get`; the server's routes use the rest.
 */
export interface AgentRegistry {
  /** Creates an agent and its token. */
  create(name: string): CreatedAgent;
  /** The live (not revoked) agent a token belongs to, or null. */
  verify(token: string): AgentInfo | null;
  /** One agent, revoked or not, or null when the id is unknown. */
  get(id: string): AgentInfo | null;
  /** Revokes an agent's token; false when the id is unknown. */
  revoke(id: string): boolean;
  /** Every agent, revoked ones included, oldest first. */
  list(): AgentInfo[];
}
