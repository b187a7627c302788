import pino, { type Logger } from "pino";
import {
  type Transport,
  TransportError,
  type TransportRequest,
  type TransportResponse,
} from "../coupa/transport.js";
import type { AgentConnection } from "./agent-connection.js";
import { AgentDisconnectedError } from "./agent-disconnected-error.js";
import type { Timers } from "./timers.js";

/** What an `AgentTransport` needs from the hub. */
export interface AgentLink {
  readonly timers: Timers;
  /** Address of the service as agents use it, for messages. */
  readonly publicUrl: string;
  connection(agentId: string): AgentConnection | undefined;
  describe(
    agentId: string,
  ): { name: string; offlineSince: Date; revoked: boolean } | null;
  waitForOnline(
    agentId: string,
    until: number,
    signal?: AbortSignal,
  ): Promise<AgentConnection | undefined>;
}

/** Options of an `AgentTransport`. */
export interface AgentTransportOptions {
  /**
   * How long an agent may be away before requests fail, counted from
   * when it went offline. Requests wait this long for it to come back,
   * then go out (again). Default 60 000 ms.
   */
  readonly reconnectGraceMs?: number;
  /**
   * How often one request is sent again after the agent dropped while
   * answering it. Default 5.
   */
  readonly maxResends?: number;
  /** Default: a silent logger. */
  readonly logger?: Logger;
}

/**
 * A `Transport` that hands every request to an Uplinked agent over its
 * WebSocket and resolves with the agent's complete answer. While the
 * agent is away it waits for it (up to `reconnectGraceMs`) and sends
 * requests that were cut off again once the agent is back.
 *
 * @example
 * const transport = hub.transportFor(agentId, { reconnectGraceMs: 30_000 });
 * const client = new CoupaClient({ connection, transport });
 */
export class AgentTransport implements Transport {
  readonly #link: AgentLink;
  readonly #agentId: string;
  readonly #graceMs: number;
  readonly #maxResends: number;
  readonly #logger: Logger;
  readonly #closing = new AbortController();

  constructor(
    link: AgentLink,
    agentId: string,
    options: AgentTransportOptions = {},
  ) {
    this.#link = link;
    this.#agentId = agentId;
    this.#graceMs = options.reconnectGraceMs ?? 60_000;
    this.#maxResends = options.maxResends ?? 5;
    this.#logger = options.logger ?? pino({ level: "silent" });
  }

  async request(input: TransportRequest): Promise<TransportResponse> {
    // A signal of its own per request: callers often share one signal
    // across many requests, and listeners piling up on it draw warnings.
    const request = input.signal
      ? { ...input, signal: AbortSignal.any([input.signal]) }
      : input;
    for (let resends = 0; ; resends += 1) {
      const connection = await this.#online(request.signal);
      try {
        return await connection.request(request);
      } catch (error) {
        if (!(error instanceof AgentDisconnectedError)) throw error;
        if (resends >= this.#maxResends) throw this.#unavailable();
        this.#logger.info(
          { agentId: this.#agentId, method: request.method },
          "agent dropped a request; sending it again when it is back",
        );
      }
    }
  }

  /** Makes waiting requests fail; the agent's connection stays open. */
  async close(): Promise<void> {
    this.#closing.abort();
  }

  async #online(signal?: AbortSignal): Promise<AgentConnection> {
    if (this.#closing.signal.aborted) {
      throw new TransportError("aborted", "The agent transport is closed.");
    }
    const now = this.#link.connection(this.#agentId);
    if (now) return now;

    const agent = this.#link.describe(this.#agentId);
    if (!agent || agent.revoked) throw this.#unavailable();
    const until = agent.offlineSince.getTime() + this.#graceMs;
    const waitSignal = signal
      ? AbortSignal.any([signal, this.#closing.signal])
      : this.#closing.signal;
    const connection = await this.#link.waitForOnline(
      this.#agentId,
      until,
      waitSignal,
    );
    signal?.throwIfAborted();
    if (!connection) throw this.#unavailable();
    return connection;
  }

  #unavailable(): TransportError {
    const agent = this.#link.describe(this.#agentId);
    const command =
      `coupa-extractor agent --server ${this.#link.publicUrl} ` +
      "--token <agent token>";
    if (!agent) {
      return new TransportError(
        "unavailable",
        `Agent ${this.#agentId} does not exist. Create an agent in the ` +
          "service, set it on the connection and start it inside your " +
          `network: ${command}`,
      );
    }
    if (agent.revoked) {
      return new TransportError(
        "unavailable",
        `Agent ${agent.name} was revoked. Create a new agent token and ` +
          `start the agent with it inside your network: ${command}`,
      );
    }
    return new TransportError(
      "unavailable",
      `Agent ${agent.name} is offline since ` +
        `${agent.offlineSince.toISOString()}. Start the agent inside your ` +
        `network: ${command}`,
    );
  }
}
