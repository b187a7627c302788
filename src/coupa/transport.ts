/**
 * How one HTTP request reaches Coupa. `DirectTransport` sends it from this
 * process (undici); `AgentTransport` hands it to an Uplinked agent inside
 * the customer's network. The client above does not know which it has:
 * auth, rate limiting and retries live in the client, not here.
 */

/** One request, complete: transports add nothing to it. */
export interface TransportRequest {
  readonly method: "GET" | "POST";
  /** Absolute URL, e.g. `https://acme.coupahost.com/api/invoices?limit=50`. */
  readonly url: string;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  /** Request body (form-encoded token requests); none for GET. */
  readonly body?: string;
  /** Give up after this many milliseconds; the transport throws. */
  readonly timeoutMs: number;
  /** Cancels the request; the transport throws the signal's reason. */
  readonly signal?: AbortSignal;
}

/**
 * A complete answer, whatever its status: a 3xx is returned as it is, never
 * followed. The body is read whole: Coupa pages are small.
 */
export interface TransportResponse {
  readonly status: number;
  /** Header names in lower case; repeated headers joined with ", ". */
  readonly headers: Readonly<Record<string, string>>;
  /** Body as received after content decoding (gzip already undone). */
  readonly body: Buffer;
}

/**
 * Failure below HTTP: no answer at all. `kind` lets the client decide
 * whether to retry and which message to show.
 */
export type TransportFailureKind =
  | "dns" // host name does not resolve
  | "connect" // refused or unreachable
  | "reset" // connection dropped mid-request
  | "tls" // certificate or handshake failure
  | "timeout" // no complete answer within timeoutMs
  | "aborted" // the caller's signal fired
  | "refused" // an Uplinked agent refused (host not in its allowlist)
  | "unavailable"; // an Uplinked agent is offline

/** Thrown by a transport when no HTTP answer came back. */
export class TransportError extends Error {
  override readonly name = "TransportError";

  constructor(
    readonly kind: TransportFailureKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The one role every transport plays. */
export interface Transport {
  request(request: TransportRequest): Promise<TransportResponse>;
  /** Releases pooled connections; pending requests may fail. */
  close(): Promise<void>;
}
