import { gunzip } from "node:zlib";
import type { Logger } from "pino";
import {
  TransportError,
  type TransportRequest,
  type TransportResponse,
} from "../coupa/transport.js";
import { AgentDisconnectedError } from "./agent-disconnected-error.js";
import { type AgentFrame, decodeChunk } from "./agent-protocol.js";
import type { FrameChannel } from "./frame-channel.js";
import { Semaphore } from "./semaphore.js";
import type { Timers } from "./timers.js";

/** What the service knows about the agent at the other end. */
export interface AgentConnectionOptions {
  readonly agentId: string;
  readonly name: string;
  readonly version: string;
  /** Requests the service lets be in flight over this connection. */
  readonly maxInFlight: number;
  /** Response bytes granted to the agent before it must wait. */
  readonly windowBytes: number;
  readonly timers: Timers;
  readonly logger: Logger;
  /**
   * Extra time over a request's `timeoutMs` before the service gives up
   * on the agent's answer; the agent enforces `timeoutMs` upstream.
   * Default 5 000 ms.
   */
  readonly timeoutMarginMs?: number;
}

interface Pending {
  readonly request: TransportRequest;
  resolve(response: TransportResponse): void;
  reject(error: unknown): void;
  head?: {
    status: number;
    headers: Record<string, string>;
    length: number;
    gzip: boolean;
  };
  chunks: Buffer[];
  received: number;
}

/**
 * The service's end of one live agent connection: sends request frames,
 * matches answers to requests by id, assembles bodies, grants the agent
 * credit for the bytes taken in, and fails every open request with
 * `AgentDisconnectedError` when the connection ends.
 */
export class AgentConnection {
  readonly options: AgentConnectionOptions;
  readonly #channel: FrameChannel;
  readonly #window: Semaphore;
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;
  #consumed = 0;

  constructor(channel: FrameChannel, options: AgentConnectionOptions) {
    this.#channel = channel;
    this.options = options;
    this.#window = new Semaphore(options.maxInFlight);
  }

  /** Requests sent and not yet answered. */
  get inFlight(): number {
    return this.#pending.size;
  }

  /** Requests waiting for a free slot in the window. */
  get queued(): number {
    return this.#window.waiting;
  }

  /** When the agent was last heard from (epoch ms). */
  get lastHeardAt(): number {
    return this.#channel.lastHeardAt;
  }

  /** True until the connection closes. */
  get open(): boolean {
    return this.#channel.open;
  }

  /**
   * Sends one request to the agent once the window has room and resolves
   * with its complete answer.
   */
  async request(request: TransportRequest): Promise<TransportResponse> {
    const release = await this.#window.acquire(request.signal);
    try {
      if (!this.#channel.open) {
        throw new AgentDisconnectedError(this.options.name);
      }
      return await this.#send(request);
    } finally {
      release();
    }
  }

  /** Ends the connection with a close code the agent understands. */
  close(code: number, reason: string): void {
    this.#channel.close(code, reason);
  }

  /** Handles a JSON frame from the agent. */
  onFrame(frame: AgentFrame): void {
    if (frame.t === "response") this.#onHead(frame);
    else if (frame.t === "error") this.#onError(frame);
  }

  /** Handles a binary body chunk from the agent. */
  onChunk(frame: Buffer): void {
    const chunk = decodeChunk(frame);
    if (!chunk) return;
    this.#grant(chunk.data.length);
    const pending = this.#pending.get(chunk.id);
    if (!pending?.head) return;
    pending.chunks.push(chunk.data);
    pending.received += chunk.data.length;
    if (pending.received >= pending.head.length) this.#complete(chunk.id);
  }

  /** Fails every open request: the connection is gone. */
  onClose(): void {
    const error = new AgentDisconnectedError(this.options.name);
    for (const pending of [...this.#pending.values()]) pending.reject(error);
    this.#pending.clear();
  }

  #send(request: TransportRequest): Promise<TransportResponse> {
    const id = this.#takeId();
    return new Promise<TransportResponse>((resolve, reject) => {
      const { timers } = this.options;
      const cleanup = () => {
        this.#pending.delete(id);
        timers.clearTimeout(timer);
        request.signal?.removeEventListener("abort", onAbort);
      };
      const giveUp = (error: unknown) => {
        if (!this.#pending.has(id)) return;
        cleanup();
        void this.#channel.send({ t: "cancel", id });
        reject(error);
      };
      const onAbort = () => giveUp(request.signal?.reason);
      const timer = timers.setTimeout(
        () => giveUp(this.#timeoutError(request)),
        request.timeoutMs + (this.options.timeoutMarginMs ?? 5_000),
      );
      request.signal?.addEventListener("abort", onAbort, { once: true });

      this.#pending.set(id, {
        request,
        resolve: (response) => {
          cleanup();
          resolve(response);
        },
        reject: (error) => {
          cleanup();
          reject(error);
        },
        chunks: [],
        received: 0,
      });
      void this.#channel.send(requestFrame(id, request));
    });
  }

  #onHead(frame: Extract<AgentFrame, { t: "response" }>): void {
    const pending = this.#pending.get(frame.id);
    if (!pending) return;
    pending.head = {
      status: frame.status,
      headers: frame.headers,
      length: frame.length,
      gzip: frame.encoding === "gzip",
    };
    if (frame.length === 0) this.#complete(frame.id);
  }

  #onError(frame: Extract<AgentFrame, { t: "error" }>): void {
    const pending = this.#pending.get(frame.id);
    if (!pending) return;
    if (frame.kind === "refused") {
      this.options.logger.warn(
        { agentId: this.options.agentId, url: safeUrl(pending.request.url) },
        "agent refused a request outside its allowlist",
      );
    }
    pending.reject(new TransportError(frame.kind, frame.message));
  }

  #complete(id: number): void {
    const pending = this.#pending.get(id);
    if (!pending?.head) return;
    const { status, headers, gzip } = pending.head;
    const body = Buffer.concat(pending.chunks);
    if (!gzip) {
      pending.resolve({ status, headers, body });
      return;
    }
    // Off the event loop (zlib's thread pool); the request stays pending,
    // so a disconnect meanwhile still fails it for a resend.
    pending.chunks = [];
    gunzip(body, (error, decoded) => {
      if (!this.#pending.has(id)) return;
      if (error) {
        pending.reject(
          new TransportError(
            "reset",
            `Agent ${this.options.name} sent a corrupt compressed body ` +
              `for ${safeUrl(pending.request.url)}: ${error.message}`,
          ),
        );
      } else pending.resolve({ status, headers, body: decoded });
    });
  }

  // Credit goes back in batches so a page of many small chunks does not
  // cost one frame per chunk.
  #grant(bytes: number): void {
    this.#consumed += bytes;
    if (this.#consumed >= this.options.windowBytes / 4) {
      void this.#channel.send({ t: "credit", bytes: this.#consumed });
      this.#consumed = 0;
    }
  }

  #takeId(): number {
    const id = this.#nextId;
    this.#nextId = this.#nextId >= 0xffff_fffe ? 1 : this.#nextId + 1;
    return id;
  }

  #timeoutError(request: TransportRequest): TransportError {
    return new TransportError(
      "timeout",
      `Agent ${this.options.name} did not answer ${request.method} ` +
        `${safeUrl(request.url)} within ${request.timeoutMs} ms. Check ` +
        "the agent's log and its network path to Coupa.",
    );
  }
}

function requestFrame(id: number, request: TransportRequest): object {
  return {
    t: "request",
    id,
    method: request.method,
    url: request.url,
    headers: request.headers,
    body: request.body,
    timeoutMs: request.timeoutMs,
  };
}

/** The URL without its query string, which may carry filter values. */
function safeUrl(url: string): string {
  const index = url.indexOf("?");
  return index < 0 ? url : url.slice(0, index);
}
