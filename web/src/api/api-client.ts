import { ApiError } from "./api-error.js";
import type {
  Agent,
  Connection,
  ConnectionBody,
  ConnectionTestBody,
  ConnectionTestResult,
  CreatedAgent,
  ErrorBody,
  Job,
  JobBody,
  LogLine,
  Meta,
  Pool,
  PoolTable,
  Run,
  TableRowsPage,
} from "./api-types.js";

/** What the client needs from its surroundings. */
export interface ApiClientOptions {
  /** The API token sent as `Authorization: Bearer`. */
  readonly token: string;
  /** Origin of the server; default "" (the page's own origin). */
  readonly baseUrl?: string;
  /** Default the browser's `fetch`. */
  readonly fetch?: typeof fetch;
  /** Called when the server rejects the token (401); default nothing. */
  readonly onUnauthorized?: () => void;
}

/**
 * Typed calls to the server's REST API. Every call throws `ApiError` on an
 * error answer or when the server cannot be reached.
 *
 * @example
 * const api = new ApiClient({ token });
 * const pools = await api.listPools();
 */
export class ApiClient {
  readonly #token: string;
  readonly #baseUrl: string;
  readonly #fetch: typeof fetch;
  readonly #onUnauthorized: () => void;

  constructor(options: ApiClientOptions) {
    this.#token = options.token;
    this.#baseUrl = options.baseUrl ?? "";
    this.#fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.#onUnauthorized = options.onUnauthorized ?? (() => {});
  }

  /** Versions, resources with scopes, clusters with egress addresses. */
  meta(): Promise<Meta> {
    return this.#call("GET", "/api/meta");
  }

  /** Every data pool. */
  listPools(): Promise<Pool[]> {
    return this.#call("GET", "/api/pools");
  }

  /** One data pool. */
  getPool(poolId: string): Promise<Pool> {
    return this.#call("GET", `/api/pools/${enc(poolId)}`);
  }

  /** Creates a data pool. */
  createPool(body: {
    name: string;
    description: string;
    memoryLimitMb: number | null;
  }): Promise<Pool> {
    return this.#call("POST", "/api/pools", body);
  }

  /** Deletes a data pool with its connections, jobs and data. */
  deletePool(poolId: string): Promise<void> {
    return this.#call("DELETE", `/api/pools/${enc(poolId)}`);
  }

  /** Connections of a pool, secrets masked. */
  listConnections(poolId: string): Promise<Connection[]> {
    return this.#call("GET", `/api/pools/${enc(poolId)}/connections`);
  }

  /** One connection, secrets masked. */
  getConnection(connectionId: string): Promise<Connection> {
    return this.#call("GET", `/api/connections/${enc(connectionId)}`);
  }

  /** Saves a new connection in a pool. */
  createConnection(poolId: string, body: ConnectionBody): Promise<Connection> {
    const path = `/api/pools/${enc(poolId)}/connections`;
    return this.#call("POST", path, body);
  }

  /** Changes a saved connection; absent secrets stay as they are. */
  updateConnection(
    connectionId: string,
    body: Partial<ConnectionBody>,
  ): Promise<Connection> {
    const path = `/api/connections/${enc(connectionId)}`;
    return this.#call("PATCH", path, body);
  }

  /** Deletes a connection. */
  deleteConnection(connectionId: string): Promise<void> {
    return this.#call("DELETE", `/api/connections/${enc(connectionId)}`);
  }

  /** Tests a saved connection against Coupa, probing `tables`. */
  testConnection(
    connectionId: string,
    tables?: readonly string[],
  ): Promise<ConnectionTestResult> {
    const path = `/api/connections/${enc(connectionId)}/test`;
    return this.#call("POST", path, tables ? { tables } : {});
  }

  /** Tests a connection that is not saved yet, or unsaved edits. */
  testUnsavedConnection(
    body: ConnectionTestBody,
  ): Promise<ConnectionTestResult> {
    return this.#call("POST", "/api/connection-test", body);
  }

  /** Uplinked agents that are not revoked, with their status. */
  listAgents(): Promise<Agent[]> {
    return this.#call("GET", "/api/agents");
  }

  /**
   * Creates an Uplinked agent; the answer holds its token and start
   * command, which the server never shows again. `host` fills the
   * command's `--allow-host`.
   */
  createAgent(body: { name: string; host?: string }): Promise<CreatedAgent> {
    return this.#call("POST", "/api/agents", body);
  }

  /** Revokes an agent's token and disconnects it. */
  revokeAgent(agentId: string): Promise<void> {
    return this.#call("DELETE", `/api/agents/${enc(agentId)}`);
  }

  /** Jobs of a pool. */
  listJobs(poolId: string): Promise<Job[]> {
    return this.#call("GET", `/api/pools/${enc(poolId)}/jobs`);
  }

  /** One job. */
  getJob(jobId: string): Promise<Job> {
    return this.#call("GET", `/api/jobs/${enc(jobId)}`);
  }

  /** Saves a new job in a pool. */
  createJob(poolId: string, body: JobBody): Promise<Job> {
    return this.#call("POST", `/api/pools/${enc(poolId)}/jobs`, body);
  }

  /** Changes a saved job. */
  updateJob(jobId: string, body: Partial<JobBody>): Promise<Job> {
    return this.#call("PATCH", `/api/jobs/${enc(jobId)}`, body);
  }

  /** Deletes a job; its past runs stay. */
  deleteJob(jobId: string): Promise<void> {
    return this.#call("DELETE", `/api/jobs/${enc(jobId)}`);
  }

  /** Starts a run of a job now. */
  startRun(jobId: string): Promise<Run> {
    return this.#call("POST", `/api/jobs/${enc(jobId)}/runs`);
  }

  /** Recent runs of a pool, newest first. */
  listRuns(poolId: string): Promise<Run[]> {
    return this.#call("GET", `/api/pools/${enc(poolId)}/runs`);
  }

  /** One run with its progress and, when finished, its report. */
  getRun(runId: string): Promise<Run> {
    return this.#call("GET", `/api/runs/${enc(runId)}`);
  }

  /** Asks a running run to stop after its current pages. */
  cancelRun(runId: string): Promise<Run> {
    return this.#call("POST", `/api/runs/${enc(runId)}/cancel`);
  }

  /** The log lines of a run. */
  runLogs(runId: string): Promise<LogLine[]> {
    return this.#call("GET", `/api/runs/${enc(runId)}/logs`);
  }

  /**
   * URL of a run's server-sent events. EventSource cannot send headers,
   * so the token travels in the query, as the server allows on this route.
   */
  runEventsUrl(runId: string): string {
    const token = encodeURIComponent(this.#token);
    return `${this.#baseUrl}/api/runs/${enc(runId)}/events?token=${token}`;
  }

  /** Tables of a pool with row counts and columns. */
  listTables(poolId: string): Promise<PoolTable[]> {
    return this.#call("GET", `/api/pools/${enc(poolId)}/tables`);
  }

  /** One page of a table's rows. */
  tableRows(
    poolId: string,
    table: string,
    page: { limit: number; offset: number },
  ): Promise<TableRowsPage> {
    const query = `limit=${page.limit}&offset=${page.offset}`;
    const path = `/api/pools/${enc(poolId)}/tables/${enc(table)}/rows`;
    return this.#call("GET", `${path}?${query}`);
  }

  async #call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await this.#send(method, path, body);
    const text = await response.text();
    const parsed: unknown = text === "" ? undefined : safeJson(text);
    if (response.status === 401) this.#onUnauthorized();
    if (!response.ok) {
      throw new ApiError(response.status, errorOf(response, parsed));
    }
    return parsed as T;
  }

  async #send(method: string, path: string, body: unknown): Promise<Response> {
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.#token}`,
      accept: "application/json",
    };
    if (body !== undefined) headers["content-type"] = "application/json";
    try {
      return await this.#fetch(`${this.#baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (cause) {
      const reason = cause instanceof Error ? cause.message : String(cause);
      throw new ApiError(0, {
        code: "network",
        message:
          `Could not reach the server for ${method} ${path} (${reason}). ` +
          "Check that `coupa-extractor serve` is running, then retry.",
      });
    }
  }
}

function enc(segment: string): string {
  return encodeURIComponent(segment);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function errorOf(response: Response, parsed: unknown): ErrorBody["error"] {
  const error = (parsed as Partial<ErrorBody> | undefined)?.error;
  if (error && typeof error.message === "string") return error;
  return {
    code: `http_${response.status}`,
    message:
      `The server answered ${response.status} ${response.statusText} ` +
      "without an error description. Check the server log.",
  };
}
