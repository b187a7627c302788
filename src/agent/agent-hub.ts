import { EventEmitter } from "node:events";
import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import pino, { type Logger } from "pino";
import { type WebSocket, WebSocketServer } from "ws";
import { AGENT_CLOSE_CODES } from "./agent-close-codes.js";
import { AgentConnection } from "./agent-connection.js";
import {
  type AgentFrame,
  PROTOCOL_VERSION,
  parseAgentFrame,
} from "./agent-protocol.js";
import type { AgentInfo, AgentRegistry } from "./agent-registry.js";
import type { AgentStatus } from "./agent-status.js";
import {
  type AgentLink,
  AgentTransport,
  type AgentTransportOptions,
} from "./agent-transport.js";
import { FrameChannel } from "./frame-channel.js";
import { systemTimers, type Timers } from "./timers.js";

/** Options of an `AgentHub`. */
export interface AgentHubOptions {
  /** Where agents and their token hashes are kept. */
  readonly registry: AgentRegistry;
  /** Default: a silent logger. */
  readonly logger?: Logger;
  /** Default: the process's clock and timers. */
  readonly timers?: Timers;
  /**
   * The service's address as agents should use it, shown in messages
   * that tell how to start an agent. Default `<service URL>`.
   */
  readonly publicUrl?: string;
  /** Ping interval in both directions. Default 10 000 ms. */
  readonly heartbeatMs?: number;
  /** Silence after which an agent counts as gone. Default 30 000 ms. */
  readonly deadAfterMs?: number;
  /** Time an agent has to send its hello. Default 10 000 ms. */
  readonly helloTimeoutMs?: number;
  /**
   * Most requests in flight per agent; the agent's own `maxConcurrent`
   * lowers it. Default 64.
   */
  readonly maxInFlight?: number;
  /** Response bytes an agent may send ahead of the hub. Default 4 MiB. */
  readonly windowBytes?: number;
}

/** Options of `AgentHub.attach`. */
export interface AttachOptions {
  /** Path agents connect to. Default `/api/agents/connect`. */
  readonly path?: string;
}

interface AcceptedSocket {
  greeted: boolean;
  connection?: AgentConnection;
}

interface AgentState {
  connection?: AgentConnection;
  version: string | null;
  connectedAt: Date | null;
  lastSeenAt: Date | null;
  offlineSince: Date;
  remoteAddress: string | null;
}

/**
 * The service's side of Uplinked connections: accepts agents' WebSocket
 * connections, authenticates their tokens, tracks each agent's status
 * and hands out an `AgentTransport` per agent for the Coupa client.
 *
 * @example
 * const hub = new AgentHub({ registry: new SqliteAgentRegistry(db) });
 * hub.attach(httpServer); // agents connect to /api/agents/connect
 * const client = new CoupaClient({
 *   connection,
 *   transport: hub.transportFor(connection.agent),
 * });
 */
export class AgentHub implements AgentLink {
  readonly registry: AgentRegistry;
  readonly timers: Timers;
  /**
   * The service's address for agents, in messages and start commands.
   * Writable: a service learns its own URL only once it listens.
   */
  publicUrl: string;
  readonly #logger: Logger;
  readonly #options: AgentHubOptions;
  readonly #startedAt: Date;
  readonly #agents = new Map<string, AgentState>();
  readonly #events = new EventEmitter();
  readonly #sockets = new Set<WebSocket>();
  readonly #detachers: (() => void)[] = [];
  readonly #wss = new WebSocketServer({
    noServer: true,
    maxPayload: 16 * 1024 * 1024,
  });

  constructor(options: AgentHubOptions) {
    this.registry = options.registry;
    this.timers = options.timers ?? systemTimers;
    this.publicUrl = options.publicUrl ?? "<service URL>";
    this.#logger = options.logger ?? pino({ level: "silent" });
    this.#options = options;
    this.#startedAt = new Date(this.timers.now());
    this.#events.setMaxListeners(0);
  }

  /**
   * Accepts agents on `server` at `options.path`. Upgrades to other paths
   * are left to other listeners, or refused when there are none.
   */
  attach(server: Server, options: AttachOptions = {}): void {
    const path = options.path ?? "/api/agents/connect";
    const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      const pathname = new URL(req.url ?? "/", "http://hub").pathname;
      if (pathname === path) this.handleUpgrade(req, socket, head);
      else if (server.listenerCount("upgrade") === 1) {
        socket.end("HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n");
      }
    };
    server.on("upgrade", onUpgrade);
    this.#detachers.push(() => server.off("upgrade", onUpgrade));
  }

  /** Takes over one HTTP upgrade request as an agent connection. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.#wss.handleUpgrade(req, socket, head, (ws) => this.#accept(ws, req));
  }

  /** Listens for status changes (an agent came online or went away). */
  on(event: "status", listener: (status: AgentStatus) => void): this {
    this.#events.on(event, listener);
    return this;
  }

  /** Stops listening. */
  off(event: "status", listener: (status: AgentStatus) => void): this {
    this.#events.off(event, listener);
    return this;
  }

  /** The status of one agent; undefined when the registry has no such id. */
  status(agentId: string): AgentStatus | undefined {
    const agent = this.registry.get(agentId);
    return agent ? this.#statusOf(agent) : undefined;
  }

  /** The status of every agent that is not revoked. */
  statuses(): AgentStatus[] {
    return this.registry
      .list()
      .filter((agent) => !agent.revokedAt)
      .map((agent) => this.#statusOf(agent));
  }

  /** A `Transport` that sends requests through the agent. */
  transportFor(
    agentId: string,
    options: AgentTransportOptions = {},
  ): AgentTransport {
    return new AgentTransport(this, agentId, {
      logger: this.#logger,
      ...options,
    });
  }

  /**
   * Revokes an agent's token and ends its connection at once. False
   * when the id is unknown.
   */
  revoke(agentId: string): boolean {
    const revoked = this.registry.revoke(agentId);
    const connection = this.#agents.get(agentId)?.connection;
    connection?.close(AGENT_CLOSE_CODES.revoked, revokedReason);
    return revoked;
  }

  /** The live connection of an agent, if it is online. */
  connection(agentId: string): AgentConnection | undefined {
    const connection = this.#agents.get(agentId)?.connection;
    return connection?.open ? connection : undefined;
  }

  /** The agent's name and since when it is away, for messages. */
  describe(agentId: string): {
    name: string;
    offlineSince: Date;
    revoked: boolean;
  } | null {
    const agent = this.registry.get(agentId);
    if (!agent) return null;
    return {
      name: agent.name,
      offlineSince: this.#agents.get(agentId)?.offlineSince ?? this.#startedAt,
      revoked: agent.revokedAt !== null,
    };
  }

  /**
   * Resolves with the agent's connection as soon as it is online, or
   * with undefined at `until` (epoch ms) or when `signal` fires.
   */
  waitForOnline(
    agentId: string,
    until: number,
    signal?: AbortSignal,
  ): Promise<AgentConnection | undefined> {
    const now = this.connection(agentId);
    if (now || until <= this.timers.now() || signal?.aborted) {
      return Promise.resolve(now);
    }
    return new Promise((resolve) => {
      const done = () => {
        this.timers.clearTimeout(timer);
        this.#events.off("status", onStatus);
        signal?.removeEventListener("abort", done);
        resolve(this.connection(agentId));
      };
      const onStatus = (status: AgentStatus) => {
        if (status.agentId === agentId && status.state === "online") done();
      };
      const timer = this.timers.setTimeout(done, until - this.timers.now());
      this.#events.on("status", onStatus);
      signal?.addEventListener("abort", done, { once: true });
    });
  }

  /** Ends every agent connection (agents reconnect later) and detaches. */
  async close(): Promise<void> {
    for (const detach of this.#detachers.splice(0)) detach();
    for (const socket of this.#sockets) {
      socket.close(AGENT_CLOSE_CODES.shuttingDown, "service shutting down");
    }
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
    for (const socket of this.#sockets) socket.terminate();
  }

  #accept(ws: WebSocket, req: IncomingMessage): void {
    this.#sockets.add(ws);
    const remoteAddress = req.socket.remoteAddress ?? null;
    const socket: AcceptedSocket = { greeted: false };

    const helloTimer = this.timers.setTimeout(() => {
      channel.close(AGENT_CLOSE_CODES.helloTimeout, "no hello received");
    }, this.#options.helloTimeoutMs ?? 10_000);

    const channel = new FrameChannel(
      ws,
      {
        text: (text) => {
          const frame = parseAgentFrame(text);
          if (socket.connection && frame) socket.connection.onFrame(frame);
          else if (frame?.t === "hello" && !socket.greeted) {
            // One hello per socket: a rejected token cannot be retried on
            // the same connection to guess faster.
            socket.greeted = true;
            this.timers.clearTimeout(helloTimer);
            socket.connection = this.#greet(channel, frame, remoteAddress);
          } else {
            channel.close(AGENT_CLOSE_CODES.protocolError, "unexpected frame");
          }
        },
        binary: (data) => socket.connection?.onChunk(data),
        close: (code) => {
          this.timers.clearTimeout(helloTimer);
          this.#sockets.delete(ws);
          if (socket.connection) this.#onGone(socket.connection, code);
        },
      },
      this.#channelOptions(),
    );
  }

  #greet(
    channel: FrameChannel,
    hello: Extract<AgentFrame, { t: "hello" }>,
    remoteAddress: string | null,
  ): AgentConnection | undefined {
    if (hello.protocol !== PROTOCOL_VERSION) {
      channel.close(
        AGENT_CLOSE_CODES.protocolError,
        `protocol ${hello.protocol} unsupported; update the agent to ` +
          `protocol ${PROTOCOL_VERSION}`,
      );
      return undefined;
    }
    const agent = this.registry.verify(hello.token);
    if (!agent) {
      this.#logger.warn({ remoteAddress }, "agent token rejected");
      channel.close(AGENT_CLOSE_CODES.tokenRejected, rejectedReason);
      return undefined;
    }
    return this.#online(channel, agent, hello, remoteAddress);
  }

  #online(
    channel: FrameChannel,
    agent: AgentInfo,
    hello: Extract<AgentFrame, { t: "hello" }>,
    remoteAddress: string | null,
  ): AgentConnection {
    const previous = this.#agents.get(agent.id)?.connection;
    previous?.close(AGENT_CLOSE_CODES.replaced, replacedReason);

    const maxInFlight = Math.min(
      hello.maxConcurrent,
      this.#options.maxInFlight ?? 64,
    );
    const windowBytes = this.#options.windowBytes ?? 4 * 1024 * 1024;
    const connection = new AgentConnection(channel, {
      agentId: agent.id,
      name: agent.name,
      version: hello.version,
      maxInFlight,
      windowBytes,
      timers: this.timers,
      logger: this.#logger,
    });
    void channel.send({
      t: "welcome",
      agentId: agent.id,
      name: agent.name,
      maxInFlight,
      windowBytes,
    });

    const now = new Date(this.timers.now());
    this.#agents.set(agent.id, {
      connection,
      version: hello.version,
      connectedAt: now,
      lastSeenAt: now,
      offlineSince: now,
      remoteAddress,
    });
    this.#logger.info(
      { agentId: agent.id, agent: agent.name, version: hello.version },
      "agent connected",
    );
    this.#emit(agent.id);
    return connection;
  }

  #onGone(connection: AgentConnection, code: number): void {
    const { agentId } = connection.options;
    connection.onClose();
    const state = this.#agents.get(agentId);
    if (!state || state.connection !== connection) return;
    const now = new Date(this.timers.now());
    this.#agents.set(agentId, {
      version: state.version,
      connectedAt: null,
      lastSeenAt: new Date(connection.lastHeardAt),
      offlineSince: now,
      remoteAddress: null,
    });
    this.#logger.info(
      { agentId, agent: connection.options.name, code },
      "agent disconnected",
    );
    this.#emit(agentId);
  }

  #emit(agentId: string): void {
    const status = this.status(agentId);
    if (status) this.#events.emit("status", status);
  }

  #statusOf(agent: AgentInfo): AgentStatus {
    const state = this.#agents.get(agent.id);
    const connection = state?.connection?.open ? state.connection : undefined;
    return {
      agentId: agent.id,
      name: agent.name,
      state: connection ? "online" : "offline",
      version: state?.version ?? null,
      connectedAt: connection ? (state?.connectedAt ?? null) : null,
      lastSeenAt: connection
        ? new Date(connection.lastHeardAt)
        : (state?.lastSeenAt ?? null),
      offlineSince: connection
        ? null
        : (state?.offlineSince ?? this.#startedAt),
      inFlight: connection?.inFlight ?? 0,
      remoteAddress: connection ? (state?.remoteAddress ?? null) : null,
    };
  }

  #channelOptions() {
    return {
      timers: this.timers,
      heartbeatMs: this.#options.heartbeatMs ?? 10_000,
      deadAfterMs: this.#options.deadAfterMs ?? 30_000,
    };
  }
}

const rejectedReason =
  "Agent token rejected (unknown or revoked). Create a new agent token " +
  "in the service and restart the agent with it.";
const revokedReason =
  "Agent token revoked. Create a new agent token in the service and " +
  "restart the agent with it.";
const replacedReason =
  "Another agent connected with the same token; this one stops.";
