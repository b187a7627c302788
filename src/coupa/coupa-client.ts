import pino, { type Logger } from "pino";
import { warnApiKeyDeprecated } from "../connection/api-key-policy.js";
import { type ClusterTable, loadClusters } from "../connection/clusters.js";
import type { ConnectionConfig } from "../connection/connection-config-schema.js";
import { type ClientStats, StatsRecorder } from "./client-stats.js";
import { type Clock, systemClock } from "./clock.js";
import { ConcurrencyGate } from "./concurrency-gate.js";
import {
  isNoResultsBody,
  isRecordList,
  parseJson,
  serverDateOf,
} from "./coupa-response.js";
import { DirectTransport } from "./direct-transport.js";
import { AuthenticationError } from "./errors/authentication-error.js";
import { CoupaApiError } from "./errors/coupa-api-error.js";
import {
  bodyExcerpt,
  type CoupaError,
  type RequestContext,
} from "./errors/coupa-error.js";
import { RateLimitedError } from "./errors/rate-limited-error.js";
import type { RateLimiter } from "./rate-limiter.js";
import { sharedRateLimiters } from "./rate-limiter-registry.js";
import { refusalError } from "./refusal-error.js";
import {
  canRetry,
  DEFAULT_RETRY_POLICY,
  parseRetryAfter,
  type RetryPolicy,
  retryDelay,
} from "./retry-policy.js";
import {
  type AccessToken,
  type MintedToken,
  TokenCache,
} from "./token-cache.js";
import { readTokenAnswer, tokenRequestBody } from "./token-request.js";
import {
  type Transport,
  TransportError,
  type TransportResponse,
} from "./transport.js";
import { transportFailureError } from "./transport-failure-error.js";
import { withAttempts } from "./with-attempts.js";

/** Query parameters in order, e.g. `[["limit", "50"], ["id[gt]", "10"]]`. */
export type QueryParams = ReadonlyArray<readonly [string, string]>;

/** One page of a list endpoint. */
export interface CoupaPage {
  /** The records as Coupa sent them (dashed keys). */
  records: Record<string, unknown>[];
  /** Coupa's clock (`Date` header): the extractor's window uses it. */
  serverDate: Date | null;
  /** Body size in bytes, after decompression. */
  bytes: number;
}

/** Options of one call. */
export interface CallOptions {
  /** Cancels waiting, sending and back-off; rejects with its reason. */
  signal?: AbortSignal;
  /** Also count this call here (e.g. one recorder per table). */
  stats?: StatsRecorder;
}

/** Options of a `CoupaClient`. */
export interface CoupaClientOptions {
  connection: ConnectionConfig;
  /** Default a `DirectTransport` bound to `connection.sourceAddress`. */
  transport?: Transport;
  /** Default silent. Requests are logged at debug, never their secrets. */
  logger?: Logger;
  /** Default the system clock. */
  clock?: Clock;
  /** Source of back-off jitter in [0, 1). Default `Math.random`. */
  random?: () => number;
  /** Default the process-wide limiter of the connection's origin. */
  rateLimiter?: RateLimiter;
  /** Default `DEFAULT_RETRY_POLICY`. */
  retryPolicy?: RetryPolicy;
  /**
   * Coupa says a new token may fail if used within 5 s of minting; a 401
   * on a younger token waits until this age and retries it before minting
   * again. Default 5000.
   */
  tokenSettleMs?: number;
  /** For egress addresses in IP errors. Default `loadClusters()`. */
  clusters?: ClusterTable;
}

interface Call {
  readonly method: "GET" | "POST";
  readonly url: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  /** Token requests neither carry a token nor take a parallel slot. */
  readonly isTokenRequest: boolean;
  readonly options: CallOptions;
}

type Outcome<T> =
  | { readonly value: T }
  | { readonly retry: CoupaError; readonly retryAfterMs?: number }
  | { readonly reauthenticate: true };

type Interpret<T> = (
  response: TransportResponse,
  context: RequestContext,
) => Outcome<T>;

const REDACTED_PATHS = [
  "headers.authorization",
  "headers.x-coupa-api-key",
  'headers["x-coupa-api-key"]',
  "accessToken",
  "clientSecret",
  "auth.clientSecret",
  "auth.key",
];

/**
 * Reads a Coupa tenant: authentication (OAuth client credentials with a
 * shared token, or a legacy API key), the tenant's rate limit, a cap on
 * requests in flight, retries with back-off, and errors that say what to
 * do.
 *
 * @example
 * const client = new CoupaClient({ connection });
 * const page = await client.getPage("/api/invoices", [
 *   ["order_by", "id"], ["dir", "asc"], ["id[gt]", "0"], ["limit", "50"],
 * ]);
 * page.records.length; // up to 50
 * await client.close();
 */
export class CoupaClient {
  /** The tenant's origin, e.g. `https://acme.coupahost.com`. */
  readonly origin: string;
  readonly #connection: ConnectionConfig;
  readonly #transport: Transport;
  readonly #ownsTransport: boolean;
  readonly #logger: Logger;
  readonly #clock: Clock;
  readonly #random: () => number;
  readonly #limiter: RateLimiter;
  readonly #gate: ConcurrencyGate;
  readonly #policy: RetryPolicy;
  readonly #settleMs: number;
  readonly #clusters: ClusterTable | undefined;
  readonly #tokens: TokenCache | undefined;
  #stats = new StatsRecorder();
  /** Coupa's `Date` of the latest answer and our clock when it came. */
  #coupaClock: { readonly date: number; readonly at: number } | undefined;

  constructor(options: CoupaClientOptions) {
    const connection = options.connection;
    this.#connection = connection;
    this.origin = connection.host;
    this.#ownsTransport = options.transport === undefined;
    this.#transport = options.transport ?? defaultTransport(connection);
    this.#logger = (options.logger ?? pino({ enabled: false })).child(
      { component: "coupa-client", origin: this.origin },
      { redact: { paths: REDACTED_PATHS, censor: "[redacted]" } },
    );
    this.#clock = options.clock ?? systemClock;
    this.#random = options.random ?? Math.random;
    this.#limiter = options.rateLimiter ?? sharedLimiter(connection);
    this.#gate = new ConcurrencyGate(connection.maxParallelRequests);
    this.#policy = options.retryPolicy ?? DEFAULT_RETRY_POLICY;
    this.#settleMs = options.tokenSettleMs ?? 5000;
    this.#clusters = options.clusters;
    this.#tokens = this.#tokenCache();
    if (connection.auth.type === "apiKey") warnApiKeyDeprecated(this.#logger);
  }

  /**
   * One page of a list endpoint. `200 []` and a 404 whose body says "no
   * results" (empty, `[]` or Coupa's XML errors) both mean no records.
   *
   * @example
   * await client.getPage("/api/users", [["limit", "1"], ["fields", '["id"]']]);
   */
  async getPage(
    path: string,
    query: QueryParams,
    options: CallOptions = {},
  ): Promise<CoupaPage> {
    const call = this.#getCall(path, query, options);
    return this.#execute<CoupaPage>(call, (response, context) => {
      const serverDate = serverDateOf(response);
      const bytes = response.body.length;
      if (response.status === 404 && isNoResultsBody(response.body)) {
        return { value: { records: [], serverDate, bytes } };
      }
      if (response.status === 404) return unknownEndpoint(context);
      const records = parseJson(response.body);
      if (!isRecordList(records)) return malformed(context, "a JSON array");
      return { value: { records, serverDate, bytes } };
    });
  }

  /**
   * One record by id, or null when Coupa answers 404 (deleted or never
   * existed).
   *
   * @example
   * await client.getRecord("/api/invoices", 42);
   */
  async getRecord(
    path: string,
    id: number,
    options: CallOptions = {},
  ): Promise<Record<string, unknown> | null> {
    const call = this.#getCall(`${path}/${id}`, [], options);
    return this.#execute<Record<string, unknown> | null>(
      call,
      (response, context) => {
        if (response.status === 404) return { value: null };
        const record = parseJson(response.body);
        if (
          record === null ||
          typeof record !== "object" ||
          Array.isArray(record)
        ) {
          return malformed(context, "a JSON object");
        }
        return { value: record as Record<string, unknown> };
      },
    );
  }

  /**
   * Makes sure the credentials work: mints a token (OAuth) now rather than
   * on the first request. Does nothing for an API key.
   */
  async authenticate(): Promise<void> {
    if (!this.#tokens) return;
    await this.#tokenFor();
  }

  /**
   * Coupa's clock now: the `Date` header of the latest answer (token
   * answers included), moved on by the time since it came. Null before
   * the first answer with a date. The header counts whole seconds, so
   * this is up to a second behind Coupa, never ahead.
   *
   * @example
   * await client.authenticate();
   * client.coupaNow(); // Coupa's clock, from the token answer
   */
  coupaNow(): Date | null {
    const reading = this.#coupaClock;
    if (!reading) return null;
    return new Date(reading.date + this.#clock.now() - reading.at);
  }

  /** Everything this client did so far. */
  stats(): ClientStats {
    return this.#stats.snapshot();
  }

  /** Starts the counts of `stats()` again from zero. */
  resetStats(): void {
    this.#stats = new StatsRecorder();
  }

  /** Closes pooled connections of a transport this client created. */
  async close(): Promise<void> {
    if (this.#ownsTransport) await this.#transport.close();
  }

  #getCall(path: string, query: QueryParams, options: CallOptions): Call {
    if (!path.startsWith("/")) {
      throw new TypeError(
        `Coupa path ${JSON.stringify(path)} must start with "/", e.g. "/api/invoices"`,
      );
    }
    const search = new URLSearchParams(query as [string, string][]).toString();
    const url = `${this.origin}${path}${search ? `?${search}` : ""}`;
    return {
      method: "GET",
      url,
      path,
      headers: {
        accept: "application/json",
        "accept-encoding": "gzip",
        "user-agent": "coupa-extractor",
      },
      isTokenRequest: false,
      options,
    };
  }

  async #execute<T>(call: Call, interpret: Interpret<T>): Promise<T> {
    const startedAt = this.#clock.now();
    const renewal = { waited: false, reminted: false };
    for (let attempt = 1; ; attempt += 1) {
      const token = await this.#tokenFor(call).catch((error: unknown) => {
        // The token request counted itself; the caller's share counts here.
        if (call.options.stats) call.options.stats.errors += 1;
        throw error;
      });
      const outcome = await this.#attempt(call, token, interpret);
      if ("value" in outcome) return outcome.value;

      if ("reauthenticate" in outcome) {
        await this.#after401(call, token, renewal);
        continue;
      }

      await this.#backOff(call, outcome, attempt, startedAt);
    }
  }

  async #attempt<T>(
    call: Call,
    token: AccessToken | undefined,
    interpret: Interpret<T>,
  ): Promise<Outcome<T>> {
    let response: TransportResponse;
    try {
      response = await this.#send(call, token);
    } catch (error) {
      return this.#transportFailure(call, error);
    }
    return this.#classify(call, response, interpret);
  }

  async #send(
    call: Call,
    token: AccessToken | undefined,
  ): Promise<TransportResponse> {
    const signal = call.options.signal;
    // Token requests skip the gate: requests holding every slot may be
    // the ones waiting for the token.
    const release = call.isTokenRequest
      ? () => {}
      : await this.#gate.enter(signal);
    try {
      await this.#limiter.acquire(signal);
      return await this.#timed(call, token);
    } finally {
      release();
    }
  }

  async #timed(
    call: Call,
    token: AccessToken | undefined,
  ): Promise<TransportResponse> {
    const sentAt = this.#clock.now();
    try {
      const response = await this.#transport.request({
        method: call.method,
        url: call.url,
        headers: { ...call.headers, ...this.#authHeaders(call, token) },
        ...(call.body !== undefined ? { body: call.body } : {}),
        timeoutMs: this.#connection.requestTimeoutMs,
        ...(call.options.signal ? { signal: call.options.signal } : {}),
      });
      const latencyMs = this.#clock.now() - sentAt;
      this.#readCoupaClock(response);
      const { status, body } = response;
      this.#count(call, (s) => s.response(status, body.length, latencyMs));
      this.#logger.debug(
        { method: call.method, url: call.url, status, latencyMs },
        "coupa request",
      );
      return response;
    } catch (error) {
      this.#count(call, (s) => s.failure(this.#clock.now() - sentAt));
      throw error;
    }
  }

  #readCoupaClock(response: TransportResponse): void {
    const date = serverDateOf(response);
    if (date)
      this.#coupaClock = { date: date.getTime(), at: this.#clock.now() };
  }

  #authHeaders(
    call: Call,
    token: AccessToken | undefined,
  ): Record<string, string> {
    if (call.isTokenRequest) return {};
    if (token) return { authorization: `Bearer ${token.value}` };
    const auth = this.#connection.auth;
    return auth.type === "apiKey" ? { "x-coupa-api-key": auth.key } : {};
  }

  #transportFailure(call: Call, error: unknown): Outcome<never> {
    if (!(error instanceof TransportError)) throw error;
    if (error.kind === "aborted") throw call.options.signal?.reason ?? error;
    const final = transportFailureError(
      error,
      this.#context(call),
      this.#connection.requestTimeoutMs,
    );
    if (this.#policy.kinds.includes(error.kind)) return { retry: final };
    throw this.#fail(call, final);
  }

  #classify<T>(
    call: Call,
    response: TransportResponse,
    interpret: Interpret<T>,
  ): Outcome<T> {
    const status = response.status;
    const context = this.#context(call, response);
    if (status >= 200 && status < 300) {
      const outcome = interpret(response, context);
      if ("retry" in outcome && !this.#policy.malformedBody) {
        throw this.#fail(call, outcome.retry);
      }
      return outcome;
    }
    if (status === 401 && !call.isTokenRequest) {
      if (this.#tokens) return { reauthenticate: true };
      throw this.#fail(call, AuthenticationError.apiKeyRefused(context));
    }
    if (this.#policy.statuses.includes(status)) {
      return this.#transient(response, context);
    }
    if (status === 404 && !call.isTokenRequest) {
      const outcome = interpret(response, context);
      if ("retry" in outcome) throw this.#fail(call, outcome.retry);
      return outcome;
    }
    throw this.#fail(call, this.#refusal(call, response, context));
  }

  #transient(
    response: TransportResponse,
    context: RequestContext,
  ): Outcome<never> {
    const retryAfterMs = parseRetryAfter(
      response.headers["retry-after"],
      this.#clock.now(),
    );
    if (response.status === 429 || response.status === 503) {
      this.#limiter.throttled(retryAfterMs);
    }
    const error =
      response.status === 429
        ? new RateLimitedError(context, 1)
        : new CoupaApiError(
            context,
            "Coupa is briefly unavailable: retry later.",
          );
    return retryAfterMs === undefined
      ? { retry: error }
      : { retry: error, retryAfterMs };
  }

  #refusal(
    call: Call,
    response: TransportResponse,
    context: RequestContext,
  ): CoupaError {
    const auth = this.#connection.auth;
    return refusalError(response, context, {
      isTokenRequest: call.isTokenRequest,
      path: call.path,
      apiVersion: this.#connection.apiVersion,
      requestedScopes: auth.type === "oauth" ? (auth.scopes ?? []) : [],
      sourceAddress: this.#connection.sourceAddress,
      egress: () => this.#egress(),
    });
  }

  #egress(): readonly string[] {
    const cluster = this.#connection.cluster;
    if (!cluster) return [];
    try {
      return (this.#clusters ?? loadClusters())[cluster] ?? [];
    } catch {
      return [];
    }
  }

  async #after401(
    call: Call,
    token: AccessToken | undefined,
    renewal: { waited: boolean; reminted: boolean },
  ): Promise<void> {
    const context = this.#context(call, undefined, 401);
    if (!token || renewal.reminted) {
      throw this.#fail(call, AuthenticationError.tokenRefused(context));
    }
    this.#count(call, (s) => {
      s.retries += 1;
    });
    const age = this.#clock.now() - token.mintedAt;
    if (age < this.#settleMs && !renewal.waited) {
      renewal.waited = true;
      await this.#clock.sleep(this.#settleMs - age, call.options.signal);
      return;
    }
    renewal.reminted = true;
    this.#logger.info("Coupa refused the access token; minting a new one");
    this.#tokens?.invalidate(token);
  }

  async #backOff(
    call: Call,
    outcome: { retry: CoupaError; retryAfterMs?: number },
    attempt: number,
    startedAt: number,
  ): Promise<void> {
    const elapsed = this.#clock.now() - startedAt;
    const delay = retryDelay(
      this.#policy,
      attempt,
      this.#random,
      outcome.retryAfterMs,
    );
    if (!canRetry(this.#policy, attempt, elapsed, delay)) {
      throw this.#fail(call, withAttempts(outcome.retry, attempt));
    }
    this.#count(call, (s) => {
      s.retries += 1;
    });
    this.#logger.debug(
      { url: call.url, code: outcome.retry.code, attempt, delayMs: delay },
      "retrying coupa request",
    );
    await this.#clock.sleep(delay, call.options.signal);
  }

  async #tokenFor(call?: Call): Promise<AccessToken | undefined> {
    if (call?.isTokenRequest || !this.#tokens) return undefined;
    return this.#tokens.get();
  }

  #tokenCache(): TokenCache | undefined {
    if (this.#connection.auth.type !== "oauth") return undefined;
    return new TokenCache({ mint: () => this.#mint(), clock: this.#clock });
  }

  #mint(): Promise<MintedToken> {
    const auth = this.#connection.auth;
    if (auth.type !== "oauth") throw new Error("no OAuth client configured");
    this.#logger.debug("requesting a Coupa access token");
    const call = tokenCall(this.origin, tokenRequestBody(auth));
    return this.#execute<MintedToken>(call, (response, context) => {
      const token = readTokenAnswer(response.body);
      if (token) return { value: token };
      return malformed(context, "a JSON token answer with access_token");
    });
  }

  #context(
    call: Call,
    response?: TransportResponse,
    status?: number,
  ): RequestContext {
    const code = response?.status ?? status;
    // A token answer's body holds the token: never quote a 2xx one.
    const quotable =
      response && !(call.isTokenRequest && response.status < 300);
    return {
      method: call.method,
      url: call.url,
      ...(code !== undefined ? { status: code } : {}),
      ...(quotable ? { bodyExcerpt: bodyExcerpt(response.body) } : {}),
    };
  }

  #fail(call: Call, error: CoupaError): CoupaError {
    this.#count(call, (s) => {
      s.errors += 1;
    });
    this.#logger.debug(
      { url: call.url, code: error.code, status: error.status },
      "coupa request failed",
    );
    return error;
  }

  #count(call: Call, update: (stats: StatsRecorder) => void): void {
    update(this.#stats);
    if (call.options.stats) update(call.options.stats);
  }
}

function tokenCall(origin: string, body: string): Call {
  return {
    method: "POST",
    url: `${origin}/oauth2/token`,
    path: "/oauth2/token",
    headers: {
      accept: "application/json",
      "content-type": "application/x-www-form-urlencoded",
      "user-agent": "coupa-extractor",
    },
    body,
    isTokenRequest: true,
    options: {},
  };
}

function defaultTransport(connection: ConnectionConfig): Transport {
  return new DirectTransport({
    connectionsPerOrigin: connection.maxParallelRequests,
    ...(connection.sourceAddress
      ? { localAddress: connection.sourceAddress }
      : {}),
  });
}

function sharedLimiter(connection: ConnectionConfig): RateLimiter {
  return sharedRateLimiters.forOrigin(connection.host, {
    requestsPerSecond: connection.requestsPerSecond,
    burst: connection.burst,
  });
}

function malformed(context: RequestContext, expected: string): Outcome<never> {
  return {
    retry: new CoupaApiError(
      context,
      `Expected ${expected}; the answer was cut short or is not JSON. ` +
        "Retry later; if it persists, check for a proxy rewriting answers.",
      true,
    ),
  };
}

function unknownEndpoint(context: RequestContext): Outcome<never> {
  return {
    retry: new CoupaApiError(
      context,
      "The endpoint does not exist on this instance: check the resource " +
        "and that the instance runs the configured apiVersion.",
      false,
    ),
  };
}
