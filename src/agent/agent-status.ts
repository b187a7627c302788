/** Where one agent stands, as the service sees it. */
export interface AgentStatus {
  readonly agentId: string;
  readonly name: string;
  readonly state: "online" | "offline";
  /** Version the agent reported in its hello; null if never connected. */
  readonly version: string | null;
  /** Start of the current connection; null while offline. */
  readonly connectedAt: Date | null;
  /** Last frame or heartbeat from the agent; null if never connected. */
  readonly lastSeenAt: Date | null;
  /**
   * Since when the agent is away: its last disconnect, or the hub's
   * start if it has not connected since. Null while online.
   */
  readonly offlineSince: Date | null;
  /** Requests sent to the agent and not yet answered. */
  readonly inFlight: number;
  /** Address the agent's connection came from; null while offline. */
  readonly remoteAddress: string | null;
}
