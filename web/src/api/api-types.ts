/**
 * Shapes of the server's REST API as the UI reads and writes them. They
 * mirror the server's responses; fields the UI does not use may be absent.
 */

/** A Coupa resource the product can extract, and the scope to read it. */
export interface MetaResource {
  readonly name: string;
  readonly scope: string;
}

/** A hosting cluster and the addresses its requests leave from. */
export interface MetaCluster {
  readonly name: string;
  readonly egress: readonly string[];
}

/** `GET /api/meta`: what the server knows about Coupa and itself. */
export interface Meta {
  readonly apiVersions: readonly string[];
  readonly latestApiVersion: string;
  readonly resources: readonly MetaResource[];
  readonly clusters: readonly MetaCluster[];
  readonly version: string;
}

/** A data pool: one DuckDB file with its connections, jobs and runs. */
export interface Pool {
  readonly id: string;
  readonly name: string;
  readonly description?: string;
  /** DuckDB's memory cap in MB during runs; null for the default (256). */
  readonly memoryLimitMb?: number | null;
  readonly createdAt?: string;
}

/** OAuth 2.0 client credentials, the way Coupa wants integrations. */
export interface OAuthAuth {
  readonly type: "oauth";
  readonly clientId: string;
  /** Masked (`••••abcd`) when read back from the server. */
  readonly clientSecret?: string;
  readonly scopes: readonly string[];
}

/** The legacy `X-COUPA-API-KEY`, which Coupa is retiring. */
export interface ApiKeyAuth {
  readonly type: "apiKey";
  /** Masked (`••••abcd`) when read back from the server. */
  readonly key?: string;
}

/** How the extractor reaches a Coupa tenant, as sent to the server. */
export interface ConnectionBody {
  readonly name: string;
  readonly mode: "direct" | "uplinked";
  /** Id of the Uplinked agent; only in mode "uplinked". */
  readonly agent?: string;
  readonly host: string;
  readonly auth: OAuthAuth | ApiKeyAuth;
  readonly apiVersion: string;
  readonly cluster?: string;
  readonly sourceAddress?: string;
  readonly requestsPerSecond?: number;
  readonly burst?: number;
  readonly maxParallelRequests?: number;
  readonly allowInsecureHttp?: boolean;
}

/** A saved connection, secrets masked. */
export interface Connection extends ConnectionBody {
  readonly id: string;
  readonly poolId: string;
  /** Uplinked only: its agent's status; null if the agent is gone. */
  readonly agentStatus?: Agent | null;
}

/** An Uplinked agent and where it stands; never its token. */
export interface Agent {
  readonly id: string;
  readonly name: string;
  readonly state: "online" | "offline" | "revoked";
  readonly version: string | null;
  readonly connectedAt: string | null;
  readonly lastSeenAt: string | null;
  readonly offlineSince: string | null;
  readonly inFlight: number;
  readonly remoteAddress: string | null;
  readonly createdAt: string;
  readonly revokedAt: string | null;
}

/** A new agent: the one answer that carries its token. */
export interface CreatedAgent {
  readonly id: string;
  readonly name: string;
  readonly token: string;
  /** The shell command that starts the agent, token included. */
  readonly command: string;
}

/** Body of `POST /api/connection-test`: a connection and what to probe. */
export interface ConnectionTestBody extends ConnectionBody {
  /** Tables to probe; default the server's choice. */
  readonly tables?: readonly string[];
  /** The saved connection being edited; its secret fills a blank one. */
  readonly connectionId?: string;
}

/** The outcome of one step of a connection test. */
export interface ConnectionCheck {
  readonly name: string;
  readonly status: "pass" | "fail" | "skip";
  readonly detail: string;
  readonly fix?: string;
}

/** `POST .../test`: every check, and whether all passed. */
export interface ConnectionTestResult {
  readonly ok: boolean;
  readonly checks: readonly ConnectionCheck[];
}

/** How one table of a job is extracted. */
export interface JobTableSettings {
  readonly columns?: readonly unknown[];
  readonly filter?: unknown;
  readonly pseudonymize?: readonly string[];
  readonly target?: string;
  readonly lookback?: string | number;
  readonly detectDeletes?: boolean;
  readonly drift?: "evolve" | "fail";
}

/** A job as sent to the server. */
export interface JobBody {
  readonly name: string;
  readonly connectionId: string;
  readonly tables: Readonly<Record<string, JobTableSettings>>;
  readonly mode: "full" | "delta" | "auto";
  readonly schedule: string | null;
  readonly enabled: boolean;
}

/** A saved job. */
export interface Job extends JobBody {
  readonly id: string;
  readonly poolId: string;
}

/** Live progress of one table in a run. */
export interface TableProgress {
  readonly table: string;
  readonly status: string;
  readonly rows: number;
  readonly pages: number;
  readonly pagesPerSecond: number;
  readonly partitionsDone: number;
  readonly partitionsTotal: number;
  readonly etaSeconds?: number;
}

/** Status of a run; the last three are final. */
export type RunStatus =
  | "queued"
  | "running"
  | "succeeded"
  | "failed"
  | "cancelled";

/** One run of a job. */
export interface Run {
  readonly id: string;
  readonly jobId: string;
  readonly status: RunStatus | string;
  readonly progress?: { readonly tables: readonly TableProgress[] } | null;
  readonly report?: unknown;
  /** Why a failed run failed. */
  readonly error?: { readonly code: string; readonly message: string } | null;
  readonly trigger?: string;
  readonly mode?: string;
  readonly startedAt?: string | null;
  readonly finishedAt?: string | null;
}

/** One line of a run's log. */
export interface LogLine {
  readonly seq?: number;
  readonly time: string;
  readonly level: string;
  readonly msg: string;
  readonly [key: string]: unknown;
}

/** A table of the pool and its columns. */
export interface PoolTable {
  readonly name: string;
  readonly rows: number;
  readonly columns: readonly { readonly name: string; readonly type: string }[];
}

/** One page of a table's rows. */
export interface TableRowsPage {
  readonly columns: readonly (string | { readonly name: string })[];
  readonly rows: readonly (readonly unknown[] | Record<string, unknown>)[];
  readonly total: number;
}

/** A field-level problem in a request body. */
export interface FieldProblem {
  readonly path: string | readonly (string | number)[];
  readonly message: string;
}

/** The body of every error answer. */
export interface ErrorBody {
  readonly error: {
    readonly code: string;
    readonly message: string;
    readonly field?: string;
    readonly fields?: readonly FieldProblem[];
  };
}
