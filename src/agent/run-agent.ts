import { HttpsProxyAgent } from "https-proxy-agent";
import type { Logger } from "pino";
import WebSocket from "ws";
import type { Transport } from "../coupa/transport.js";
import { FINAL_CLOSE_CODES } from "./agent-close-codes.js";
import {
  PROTOCOL_VERSION,
  parseServiceFrame,
  type ServiceFrame,
} from "./agent-protocol.js";
import { AgentRejectedError } from "./agent-rejected-error.js";
import { agentServerUrl } from "./agent-server-url.js";
import { AgentSession } from "./agent-session.js";
import { AGENT_VERSION } from "./agent-version.js";
import { FrameChannel } from "./frame-channel.js";
import type { HostAllowlist } from "./host-allowlist.js";
import {
  ReconnectBackoff,
  type ReconnectBackoffOptions,
} from "./reconnect-backoff.js";
import { Semaphore } from "./semaphore.js";
import { systemTimers, type Timers } from "./timers.js";

/** Options of `runAgent`. */
export interface RunAgentOptions {
  /** The service's address (`https://…`, `wss://…`; `http://` in tests). */
  readonly server: string;
  /** The agent token created in the service. */
  readonly token: string;
  /** Hosts the agent may call; everything else is refused. */
  readonly allowlist: HostAllowlist;
  /** Performs requests upstream, e.g. a `DirectTransport`. */
  readonly transport: Transport;
  readonly logger: Logger;
  /** HTTP proxy for the connection to the service (CONNECT). Default none. */
  readonly proxyUrl?: string;
  /** Most requests performed upstream at once. Default 16. */
  readonly maxConcurrent?: number;
  /**
   * Bodies from this size on are gzipped on the way to the service; 0
   * sends them as they are. Default 16 KiB.
   */
  readonly compressMinBytes?: number;
  /** Reported to the service. Default `AGENT_VERSION`. */
  readonly version?: string;
  /** Delays between reconnect attempts. Defaults: 1 s doubling to 60 s. */
  readonly backoff?: ReconnectBackoffOptions;
  /** Ping interval. Default 10 000 ms. */
  readonly heartbeatMs?: number;
  /** Silence after which the service counts as gone. Default 30 000 ms. */
  readonly deadAfterMs?: number;
  /** Default: the process's clock and timers. */
  readonly timers?: Timers;
}

/** A running agent. */
export interface RunningAgent {
  /**
   * Settles when the agent ends: resolves after `stop()`, rejects with
   * `AgentRejectedError` when the service refuses it for good.
   */
  readonly done: Promise<void>;
  /** True while connected and welcomed by the service. */
  readonly connected: boolean;
  /** Disconnects and stops reconnecting. */
  stop(): Promise<void>;
}

interface Attempt {
  readonly code: number;
  readonly reason: string;
  readonly welcomed: boolean;
}

/**
 * Runs the Uplinked agent: connects out to the service, performs the
 * requests it is sent (only to allowlisted hosts) and streams the answers
 * back; reconnects with back-off when the connection drops and stops
 * when the service rejects its token.
 *
 * @example
 * const agent = runAgent({
 *   server: "https://extractor.example.com",
 *   token: process.env.COUPA_EXTRACTOR_AGENT_TOKEN ?? "",
 *   allowlist: new HostAllowlist(["acme.coupahost.com"]),
 *   transport: new DirectTransport(),
 *   logger,
 * });
 * await agent.done;
 */
export function runAgent(options: RunAgentOptions): RunningAgent {
  return new AgentRunner(options).start();
}

class AgentRunner {
  readonly #options: RunAgentOptions;
  readonly #url: URL;
  readonly #timers: Timers;
  readonly #upstream: Semaphore;
  readonly #backoff: ReconnectBackoff;
  readonly #stopping = new AbortController();
  #socket: WebSocket | undefined;
  #connected = false;

  constructor(options: RunAgentOptions) {
    this.#options = options;
    this.#url = agentServerUrl(options.server);
    this.#timers = options.timers ?? systemTimers;
    this.#upstream = new Semaphore(options.maxConcurrent ?? 16);
    this.#backoff = new ReconnectBackoff(options.backoff);
  }

  start(): RunningAgent {
    const done = this.#loop();
    const runner = this;
    return {
      done,
      get connected() {
        return runner.#connected;
      },
      stop: async () => {
        this.#stopping.abort();
        this.#socket?.close(1000, "agent stopping");
        await done.catch(() => undefined);
      },
    };
  }

  async #loop(): Promise<void> {
    const { logger } = this.#options;
    while (!this.#stopping.signal.aborted) {
      const attempt = await this.#connectOnce();
      if (this.#stopping.signal.aborted) break;
      if (FINAL_CLOSE_CODES.has(attempt.code)) {
        logger.error({ code: attempt.code }, "service rejected the agent");
        throw new AgentRejectedError(attempt.code, attempt.reason);
      }
      if (attempt.welcomed) this.#backoff.reset();
      const delayMs = this.#backoff.next();
      logger.info(
        { code: attempt.code, reason: attempt.reason, delayMs },
        "disconnected from the service; reconnecting",
      );
      await this.#sleep(delayMs);
    }
    logger.info("agent stopped");
  }

  #connectOnce(): Promise<Attempt> {
    const { logger, proxyUrl } = this.#options;
    return new Promise<Attempt>((resolve) => {
      let welcomed = false;
      let session: AgentSession | undefined;
      const socket = new WebSocket(this.#url, {
        agent: proxyUrl ? new HttpsProxyAgent(proxyUrl) : undefined,
        handshakeTimeout: 15_000,
        maxPayload: 16 * 1024 * 1024,
        perMessageDeflate: false,
        // RFC 6455 masks client frames so a browser page cannot steer
        // bytes a transparent proxy might cache. The agent is no browser
        // and only reaches the service over TLS (or loopback), so a zero
        // mask, which ws skips on both ends, saves two passes and a copy
        // over every body.
        generateMask: (mask) => mask.fill(0),
      });
      this.#socket = socket;
      socket.on("error", (error) => {
        logger.warn(
          { server: this.#url.origin, error: error.message },
          "connection to the service failed",
        );
      });
      socket.on("close", (code, reason) => {
        this.#connected = false;
        session?.onClose();
        resolve({ code, reason: reason.toString("utf8"), welcomed });
      });

      socket.on("open", () => {
        const channel = new FrameChannel(
          socket,
          {
            text: (text) => {
              const frame = parseServiceFrame(text);
              if (!frame) return;
              if (session) session.onFrame(frame);
              else if (frame.t === "welcome") {
                welcomed = true;
                session = this.#welcome(channel, frame);
              }
            },
            binary: () => undefined,
            close: () => undefined,
          },
          {
            timers: this.#timers,
            heartbeatMs: this.#options.heartbeatMs,
            deadAfterMs: this.#options.deadAfterMs,
          },
        );
        void channel.send({
          t: "hello",
          protocol: PROTOCOL_VERSION,
          version: this.#options.version ?? AGENT_VERSION,
          token: this.#options.token,
          maxConcurrent: this.#options.maxConcurrent ?? 16,
        });
      });
    });
  }

  #welcome(
    channel: FrameChannel,
    welcome: Extract<ServiceFrame, { t: "welcome" }>,
  ): AgentSession {
    this.#connected = true;
    const { logger } = this.#options;
    logger.info(
      {
        server: this.#url.origin,
        agent: welcome.name,
        maxInFlight: welcome.maxInFlight,
        allowlist: this.#options.allowlist.entries,
      },
      "connected to the service",
    );
    return new AgentSession(channel, {
      name: welcome.name,
      windowBytes: welcome.windowBytes,
      transport: this.#options.transport,
      allowlist: this.#options.allowlist,
      upstream: this.#upstream,
      logger,
      compressMinBytes: this.#options.compressMinBytes,
    });
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const signal = this.#stopping.signal;
      const wake = () => {
        this.#timers.clearTimeout(timer);
        signal.removeEventListener("abort", wake);
        resolve();
      };
      const timer = this.#timers.setTimeout(wake, ms);
      signal.addEventListener("abort", wake, { once: true });
    });
  }
}
