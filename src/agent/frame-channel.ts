import type WebSocket from "ws";
import type { Timers } from "./timers.js";

/** Options of a `FrameChannel`. */
export interface FrameChannelOptions {
  readonly timers: Timers;
  /** How often to ping the peer. Default 10 000 ms. */
  readonly heartbeatMs?: number;
  /** Silence after which the peer is taken for dead. Default 30 000 ms. */
  readonly deadAfterMs?: number;
  /**
   * Bytes queued in the socket above which `send` waits for them to
   * drain. Default 1 MiB.
   */
  readonly highWaterBytes?: number;
}

/** What a `FrameChannel` hands to its owner. */
export interface FrameHandlers {
  text(text: string): void;
  binary(data: Buffer): void;
  close(code: number, reason: string): void;
}

/**
 * One side of the agent's WebSocket: sends frames with backpressure,
 * keeps the connection alive with pings both ways and declares it dead
 * after a silence. Used by the service and the agent alike.
 */
export class FrameChannel {
  readonly #socket: WebSocket;
  readonly #timers: Timers;
  readonly #deadAfterMs: number;
  readonly #highWaterBytes: number;
  readonly #drainWaiters: (() => void)[] = [];
  readonly #heartbeat: unknown;
  #lastHeardAt: number;
  #closed = false;

  constructor(
    socket: WebSocket,
    handlers: FrameHandlers,
    options: FrameChannelOptions,
  ) {
    this.#socket = socket;
    this.#timers = options.timers;
    this.#deadAfterMs = options.deadAfterMs ?? 30_000;
    this.#highWaterBytes = options.highWaterBytes ?? 1024 * 1024;
    this.#lastHeardAt = this.#timers.now();
    this.#listen(handlers);
    this.#heartbeat = this.#timers.setInterval(
      () => this.#beat(),
      options.heartbeatMs ?? 10_000,
    );
  }

  /** True until the socket closes. */
  get open(): boolean {
    return !this.#closed;
  }

  /** When a frame or pong last came from the peer (epoch ms). */
  get lastHeardAt(): number {
    return this.#lastHeardAt;
  }

  /**
   * Sends a JSON frame or a binary chunk. Resolves at once while the
   * socket's queue is short, otherwise once it has drained, so a slow
   * peer slows the sender instead of growing its memory.
   */
  async send(frame: object | Buffer): Promise<void> {
    if (this.#closed) return;
    const data = Buffer.isBuffer(frame) ? frame : JSON.stringify(frame);
    this.#socket.send(data, () => this.#onFlushed());
    if (this.#socket.bufferedAmount > this.#highWaterBytes) {
      await new Promise<void>((resolve) => this.#drainWaiters.push(resolve));
    }
  }

  /** Closes the connection with a code and a reason (≤ 123 bytes). */
  close(code: number, reason: string): void {
    if (this.#closed) return;
    this.#socket.close(code, reason.slice(0, 120));
  }

  /** Drops the connection without a closing handshake. */
  terminate(): void {
    this.#socket.terminate();
  }

  #listen(handlers: FrameHandlers): void {
    const heard = () => {
      this.#lastHeardAt = this.#timers.now();
    };
    this.#socket.on("message", (data, isBinary) => {
      heard();
      const buffer = toBuffer(data);
      if (isBinary) handlers.binary(buffer);
      else handlers.text(buffer.toString("utf8"));
    });
    this.#socket.on("ping", heard);
    this.#socket.on("pong", heard);
    this.#socket.on("error", () => this.#socket.terminate());
    this.#socket.on("close", (code, reason) => {
      this.#closed = true;
      this.#timers.clearInterval(this.#heartbeat);
      this.#releaseWaiters();
      handlers.close(code, reason.toString("utf8"));
    });
  }

  #beat(): void {
    if (this.#timers.now() - this.#lastHeardAt > this.#deadAfterMs) {
      this.#socket.terminate();
      return;
    }
    this.#socket.ping();
  }

  #onFlushed(): void {
    if (this.#socket.bufferedAmount <= this.#highWaterBytes) {
      this.#releaseWaiters();
    }
  }

  #releaseWaiters(): void {
    for (const resolve of this.#drainWaiters.splice(0)) resolve();
  }
}

function toBuffer(data: WebSocket.RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}
