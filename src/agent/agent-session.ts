import { promisify } from "node:util";
import { constants, gzip } from "node:zlib";
import type { Logger } from "pino";
import {
  type Transport,
  TransportError,
  type TransportResponse,
} from "../coupa/transport.js";
import { encodeChunk, type ServiceFrame } from "./agent-protocol.js";
import { ByteWindow } from "./byte-window.js";
import type { FrameChannel } from "./frame-channel.js";
import type { HostAllowlist } from "./host-allowlist.js";
import type { Semaphore } from "./semaphore.js";

type RequestFrame = Extract<ServiceFrame, { t: "request" }>;

// Level 1: most of the size gain for a fraction of the CPU.
const gzipAsync = (body: Buffer) =>
  promisify(gzip)(body, { level: constants.Z_BEST_SPEED });

/** What an `AgentSession` works with. */
export interface AgentSessionOptions {
  /** The agent's name, as the service's welcome gave it. */
  readonly name: string;
  /** Response bytes the service lets the agent send ahead. */
  readonly windowBytes: number;
  /** Performs the requests (a `DirectTransport` inside the network). */
  readonly transport: Transport;
  readonly allowlist: HostAllowlist;
  /** Shared by all sessions: bounds concurrent upstream requests. */
  readonly upstream: Semaphore;
  readonly logger: Logger;
  /** Largest body chunk per frame. Default 64 KiB. */
  readonly chunkBytes?: number;
  /**
   * Bodies from this size on are gzipped for the way to the service
   * (Coupa's JSON shrinks about tenfold, which matters on a customer's
   * uplink); 0 disables it. Default 16 KiB.
   */
  readonly compressMinBytes?: number;
}

/**
 * The agent's side of one connection to the service: performs each
 * request frame upstream, if its host is on the local allowlist, and
 * streams the answer back within the service's byte window. Everything
 * still running is aborted when the connection ends; the service sends
 * those requests again after the agent reconnects.
 */
export class AgentSession {
  readonly #channel: FrameChannel;
  readonly #options: AgentSessionOptions;
  readonly #window: ByteWindow;
  readonly #active = new Map<number, AbortController>();
  readonly #compressMinBytes: number;

  constructor(channel: FrameChannel, options: AgentSessionOptions) {
    this.#channel = channel;
    this.#options = options;
    const compressMin = options.compressMinBytes ?? 16 * 1024;
    this.#compressMinBytes = compressMin > 0 ? compressMin : Infinity;
    this.#window = new ByteWindow(options.windowBytes);
  }

  /** Requests being performed or streamed back. */
  get active(): number {
    return this.#active.size;
  }

  /** Handles a JSON frame from the service. */
  onFrame(frame: ServiceFrame): void {
    if (frame.t === "request") void this.#perform(frame);
    else if (frame.t === "cancel") this.#active.get(frame.id)?.abort();
    else if (frame.t === "credit") this.#window.give(frame.bytes);
  }

  /** Aborts everything in progress: the connection is gone. */
  onClose(): void {
    for (const controller of this.#active.values()) controller.abort();
    this.#window.close();
  }

  async #perform(frame: RequestFrame): Promise<void> {
    if (!this.#options.allowlist.allows(frame.url)) {
      await this.#refuse(frame);
      return;
    }
    const { origin, pathname } = new URL(frame.url);
    this.#options.logger.debug(
      { id: frame.id, method: frame.method, origin, path: pathname },
      "performing request",
    );
    const controller = new AbortController();
    this.#active.set(frame.id, controller);
    let release: (() => void) | undefined;
    try {
      release = await this.#options.upstream.acquire(controller.signal);
      const response = await this.#options.transport.request({
        method: frame.method,
        url: frame.url,
        headers: frame.headers,
        body: frame.body,
        timeoutMs: frame.timeoutMs,
        signal: controller.signal,
      });
      await this.#stream(frame.id, response, controller.signal);
    } catch (error) {
      if (!controller.signal.aborted) await this.#fail(frame, error);
    } finally {
      release?.();
      this.#active.delete(frame.id);
    }
  }

  async #stream(
    id: number,
    response: TransportResponse,
    signal: AbortSignal,
  ): Promise<void> {
    const { status, headers } = response;
    const compress = response.body.length >= this.#compressMinBytes;
    const body = compress ? await gzipAsync(response.body) : response.body;
    if (signal.aborted || !this.#channel.open) return;
    await this.#channel.send({
      t: "response",
      id,
      status,
      headers,
      length: body.length,
      ...(compress ? { encoding: "gzip" } : {}),
    });
    const size = Math.min(
      this.#options.chunkBytes ?? 64 * 1024,
      this.#options.windowBytes,
    );
    for (let offset = 0; offset < body.length; ) {
      const taken = await this.#window.take(
        Math.min(size, body.length - offset),
      );
      if (signal.aborted || !this.#channel.open) {
        this.#window.give(taken);
        return;
      }
      const chunk = body.subarray(offset, offset + taken);
      offset += chunk.length;
      await this.#channel.send(encodeChunk(id, chunk));
    }
  }

  async #refuse(frame: RequestFrame): Promise<void> {
    const { hostname, origin } = URL.canParse(frame.url)
      ? new URL(frame.url)
      : { hostname: frame.url.slice(0, 200), origin: "(not a URL)" };
    const entries = this.#options.allowlist.entries.join(", ") || "empty";
    this.#options.logger.warn(
      { method: frame.method, origin, allowlist: entries },
      "refused a request to a host outside the agent's allowlist",
    );
    await this.#channel.send({
      t: "error",
      id: frame.id,
      kind: "refused",
      message:
        `Agent ${this.#options.name} refused ${frame.method} ${origin}: ` +
        `host ${hostname} is not in the agent's allowlist (${entries}). ` +
        `To allow it, start the agent with --allow-host ${hostname} (or ` +
        "add it to the agent's --allowlist-file) on the agent's machine.",
    });
  }

  async #fail(frame: RequestFrame, error: unknown): Promise<void> {
    const known = error instanceof TransportError;
    const origin = new URL(frame.url).origin;
    this.#options.logger.info(
      { method: frame.method, origin, kind: known ? error.kind : "reset" },
      "upstream request failed",
    );
    await this.#channel.send({
      t: "error",
      id: frame.id,
      kind: known ? error.kind : "reset",
      message: known
        ? error.message
        : `Agent ${this.#options.name} could not perform ${frame.method} ` +
          `${origin}: ${String((error as Error)?.message ?? error)}`,
    });
  }
}
