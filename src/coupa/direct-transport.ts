import { promisify } from "node:util";
import { brotliDecompress, gunzip, inflate } from "node:zlib";
import { Pool } from "undici";
import {
  type Transport,
  TransportError,
  type TransportFailureKind,
  type TransportRequest,
  type TransportResponse,
} from "./transport.js";

/** Options of a `DirectTransport`. */
export interface DirectTransportOptions {
  /**
   * Local address outgoing connections bind to (the connection's
   * `sourceAddress`), so they leave from an allowlisted address. Default
   * none: the operating system chooses.
   */
  readonly localAddress?: string;
  /** Keep-alive connections per origin. Default 16. */
  readonly connectionsPerOrigin?: number;
  /** How long an idle connection is kept, in ms. Default 30000. */
  readonly keepAliveTimeoutMs?: number;
}

const DECODERS: Readonly<Record<string, (body: Buffer) => Promise<Buffer>>> = {
  gzip: promisify(gunzip),
  "x-gzip": promisify(gunzip),
  deflate: promisify(inflate),
  br: promisify(brotliDecompress),
};

const KIND_BY_CODE: Readonly<Record<string, TransportFailureKind>> = {
  ENOTFOUND: "dns",
  EAI_AGAIN: "dns",
  EAI_NONAME: "dns",
  ECONNREFUSED: "connect",
  EHOSTUNREACH: "connect",
  ENETUNREACH: "connect",
  EADDRNOTAVAIL: "connect",
  EADDRINUSE: "connect",
  ECONNRESET: "reset",
  EPIPE: "reset",
  UND_ERR_SOCKET: "reset",
  UND_ERR_CLOSED: "reset",
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: "reset",
  Z_DATA_ERROR: "reset",
  Z_BUF_ERROR: "reset",
  ETIMEDOUT: "timeout",
  UND_ERR_CONNECT_TIMEOUT: "timeout",
  UND_ERR_HEADERS_TIMEOUT: "timeout",
  UND_ERR_BODY_TIMEOUT: "timeout",
  EPROTO: "tls",
};

/**
 * Sends requests from this process with undici: one keep-alive pool per
 * origin, gzip answers decoded, redirects never followed (the 3xx comes
 * back as it is), every failure below HTTP turned into a
 * `TransportError` with its kind.
 *
 * @example
 * const transport = new DirectTransport({ localAddress: "127.0.0.2" });
 * const response = await transport.request({
 *   method: "GET", url: "https://acme.coupahost.com/api/users?limit=1",
 *   headers: { accept: "application/json" }, timeoutMs: 60_000,
 * });
 */
export class DirectTransport implements Transport {
  readonly #options: DirectTransportOptions;
  readonly #pools = new Map<string, Pool>();

  constructor(options: DirectTransportOptions = {}) {
    this.#options = options;
  }

  async request(request: TransportRequest): Promise<TransportResponse> {
    const url = new URL(request.url);
    const timeout = AbortSignal.timeout(request.timeoutMs);
    const signal = request.signal
      ? AbortSignal.any([request.signal, timeout])
      : timeout;
    try {
      return await this.#send(url, request, signal);
    } catch (error) {
      if (request.signal?.aborted) throw request.signal.reason;
      if (timeout.aborted) throw timedOut(request);
      throw toTransportError(error, url);
    }
  }

  async close(): Promise<void> {
    const pools = [...this.#pools.values()];
    this.#pools.clear();
    await Promise.all(pools.map((pool) => pool.close()));
  }

  async #send(
    url: URL,
    request: TransportRequest,
    signal: AbortSignal,
  ): Promise<TransportResponse> {
    const response = await this.#pool(url.origin).request({
      origin: url.origin,
      path: `${url.pathname}${url.search}`,
      method: request.method,
      headers: request.headers,
      body: request.body ?? null,
      signal,
      headersTimeout: request.timeoutMs,
      bodyTimeout: request.timeoutMs,
    });
    const raw = Buffer.from(await response.body.arrayBuffer());
    const headers = flattenHeaders(response.headers);
    return {
      status: response.statusCode,
      headers,
      body: await decode(raw, headers["content-encoding"]),
    };
  }

  #pool(origin: string): Pool {
    let pool = this.#pools.get(origin);
    if (!pool) {
      pool = new Pool(origin, {
        connections: this.#options.connectionsPerOrigin ?? 16,
        keepAliveTimeout: this.#options.keepAliveTimeoutMs ?? 30_000,
        ...(this.#options.localAddress
          ? { localAddress: this.#options.localAddress }
          : {}),
      });
      this.#pools.set(origin, pool);
    }
    return pool;
  }
}

async function decode(body: Buffer, encoding: string | undefined) {
  const decoder = encoding
    ? DECODERS[encoding.trim().toLowerCase()]
    : undefined;
  if (!decoder || body.length === 0) return body;
  return decoder(body);
}

function flattenHeaders(
  headers: Record<string, string | string[] | undefined>,
): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    flat[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return flat;
}

function timedOut(request: TransportRequest): TransportError {
  return new TransportError(
    "timeout",
    `No complete answer within ${request.timeoutMs} ms`,
  );
}

function toTransportError(error: unknown, url: URL): TransportError {
  if (error instanceof TransportError) return error;
  const code = errorCode(error);
  const kind = kindOf(code);
  const detail = (error as Error)?.message ?? String(error);
  return new TransportError(
    kind,
    `${kind} failure reaching ${url.host}: ${code ?? "error"} ${detail}`,
    { cause: error },
  );
}

function errorCode(error: unknown): string | undefined {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === "object" && !seen.has(current)) {
    seen.add(current);
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && code in KIND_BY_CODE) return code;
    if (typeof code === "string" && isTlsCode(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  const code = (error as { code?: unknown })?.code;
  return typeof code === "string" ? code : undefined;
}

function isTlsCode(code: string): boolean {
  return /^(ERR_TLS_|ERR_SSL_|CERT_|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO_)/.test(
    code,
  );
}

function kindOf(code: string | undefined): TransportFailureKind {
  if (code === undefined) return "reset";
  return KIND_BY_CODE[code] ?? (isTlsCode(code) ? "tls" : "reset");
}
