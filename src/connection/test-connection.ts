import pino, { type Logger } from "pino";
import { getCatalog } from "../catalog/catalog.js";
import type { CatalogResource } from "../catalog/catalog-types.js";
import { CoupaClient } from "../coupa/coupa-client.js";
import { CoupaError } from "../coupa/errors/coupa-error.js";
import { IpNotAllowlistedError } from "../coupa/errors/ip-not-allowlisted-error.js";
import { ScopeMissingError } from "../coupa/errors/scope-missing-error.js";
import type { RetryPolicy } from "../coupa/retry-policy.js";
import { DEFAULT_RETRY_POLICY } from "../coupa/retry-policy.js";
import type { Transport } from "../coupa/transport.js";
import {
  apiKeyRefusal,
  apiKeysSupported,
  OAUTH_CLIENT_SETUP,
} from "./api-key-policy.js";
import type { ClusterTable } from "./clusters.js";
import type { ConnectionConfig } from "./connection-config-schema.js";
import { type Lookup, probeDns, probeTcp, probeTls } from "./network-probes.js";
import { isLoopback } from "./normalize-host.js";

/** One line of a connection test. */
export interface ConnectionCheck {
  /** `dns`, `tcp`, `tls`, `auth` or `table:<name>`. */
  name: string;
  status: "pass" | "fail" | "skip";
  /** What was found. */
  detail: string;
  /** For a failure: what to do about it. */
  fix?: string;
}

/** The outcome of `testConnection`: ok when no check failed. */
export interface ConnectionTestReport {
  ok: boolean;
  checks: ConnectionCheck[];
}

/** Options of `testConnection`. */
export interface TestConnectionOptions {
  /** Tables to probe with a one-record read each. */
  tables: string[];
  /**
   * How requests reach Coupa. Default a `DirectTransport`. When given
   * (an Uplinked agent), the DNS, TCP and TLS checks are skipped: they
   * happen on the agent's side.
   */
  transport?: Transport;
  /** Default silent. */
  logger?: Logger;
  signal?: AbortSignal;
  /** For allowlist advice. Default `loadClusters()`. */
  clusters?: ClusterTable;
  /** Host name resolution. Default `dns.promises.lookup`. */
  lookup?: Lookup;
}

// A test should answer in seconds: two quick attempts, not the minutes of
// patience an extraction has.
const TEST_RETRY_POLICY: RetryPolicy = {
  ...DEFAULT_RETRY_POLICY,
  maxAttempts: 2,
  baseDelayMs: 200,
  maxDelayMs: 1000,
  budgetMs: 15_000,
};

/**
 * Checks a connection step by step, the way a support engineer would:
 * does the host resolve, does it accept connections, is TLS trusted, are
 * the credentials good, can each table be read. Every failure carries its
 * fix; checks after a fatal failure are skipped with the reason.
 *
 * @example
 * const report = await testConnection(config, { tables: ["invoices"] });
 * for (const check of report.checks) console.log(check.status, check.name);
 */
export async function testConnection(
  config: ConnectionConfig,
  options: TestConnectionOptions,
): Promise<ConnectionTestReport> {
  const checks: ConnectionCheck[] = [];
  const run = new CheckRun(config, options, checks);
  await run.network();
  const client = run.blocked ? undefined : run.client();
  try {
    await run.auth(client);
    await run.tables(client);
  } finally {
    await client?.close();
  }
  return { ok: checks.every((c) => c.status !== "fail"), checks };
}

class CheckRun {
  /** The name of the fatal check that failed, if any. */
  blockedBy: string | undefined;

  constructor(
    readonly config: ConnectionConfig,
    readonly options: TestConnectionOptions,
    readonly checks: ConnectionCheck[],
  ) {}

  get blocked(): boolean {
    return this.blockedBy !== undefined;
  }

  client(): CoupaClient {
    return new CoupaClient({
      connection: this.config,
      retryPolicy: TEST_RETRY_POLICY,
      logger: this.options.logger ?? pino({ enabled: false }),
      ...(this.options.transport ? { transport: this.options.transport } : {}),
      ...(this.options.clusters ? { clusters: this.options.clusters } : {}),
    });
  }

  async network(): Promise<void> {
    const names = ["dns", "tcp", "tls"];
    if (this.options.transport) {
      for (const name of names) this.#skip(name, "checked on the agent's side");
      return;
    }
    if (this.config.mode === "uplinked") {
      this.#fail(
        "dns",
        "the connection is uplinked but no agent transport was given",
        "Start the Uplinked agent named in agent and test through it.",
      );
      return;
    }
    const url = new URL(this.config.host);
    const port = Number(url.port || (url.protocol === "https:" ? 443 : 80));
    const probe = {
      timeoutMs: Math.min(this.config.requestTimeoutMs, 10_000),
      ...(this.config.sourceAddress
        ? { localAddress: this.config.sourceAddress }
        : {}),
    };

    const dns = await probeDns(url.hostname, this.options.lookup);
    if (
      !this.#record(
        "dns",
        dns,
        "Check host: a tenant name like acme means acme.coupahost.com; " +
          "test instances have their own host names.",
      )
    )
      return;

    const tcp = await probeTcp(url.hostname, port, probe);
    if (!this.#record("tcp", tcp, this.#tcpFix())) return;

    if (url.protocol === "http:") {
      const why = isLoopback(url.hostname)
        ? "plain http to a loopback address (simulator)"
        : "plain http (allowInsecureHttp)";
      this.#skip("tls", why);
      return;
    }
    const tls = await probeTls(url.hostname, port, probe);
    this.#record(
      "tls",
      tls,
      "Check that host is your Coupa instance; if a proxy inspects TLS, " +
        "give Node its CA with NODE_EXTRA_CA_CERTS.",
    );
  }

  async auth(client: CoupaClient | undefined): Promise<void> {
    if (!client) return this.#skip("auth", this.#skipReason());
    const auth = this.config.auth;
    if (auth.type === "apiKey") return this.#apiKey();
    try {
      await client.authenticate();
      const scopes = auth.scopes?.length
        ? `scopes ${auth.scopes.join(" ")}`
        : "all the client's scopes";
      this.#pass(
        "auth",
        `OAuth token issued for client ${auth.clientId} with ${scopes}`,
      );
    } catch (error) {
      this.#failWith("auth", error);
    }
  }

  async tables(client: CoupaClient | undefined): Promise<void> {
    for (const table of this.options.tables) {
      const name = `table:${table}`;
      if (!client || this.blocked) {
        this.#skip(name, this.#skipReason());
        continue;
      }
      await this.#probeTable(client, name, table);
    }
  }

  async #probeTable(
    client: CoupaClient,
    name: string,
    table: string,
  ): Promise<void> {
    const resource = getCatalog(this.config.apiVersion).resources[table];
    if (!resource) {
      this.#fail(
        name,
        `${table} is not a Coupa resource in ${this.config.apiVersion}`,
        "Remove it from tables or correct its name (see the catalog's resource names).",
      );
      return;
    }
    if (!resource.endpoint) {
      this.#skip(
        name,
        `embedded in ${resource.embeddedIn?.resource ?? "another resource"}; read through it`,
      );
      return;
    }
    try {
      const path = await this.#endpointPath(client, resource);
      if (path === undefined) {
        this.#pass(
          name,
          `no ${resource.parent?.resource} to list ${table} under; nothing to read yet`,
        );
        return;
      }
      const page = await client.getPage(path, PROBE_QUERY, this.#callOptions());
      const found =
        page.records.length === 0 ? "no records yet" : "1 record read";
      this.#pass(
        name,
        `GET ${path} answered (${found}) with scope ${resource.scope}`,
      );
    } catch (error) {
      this.#failWith(name, error);
    }
  }

  async #endpointPath(
    client: CoupaClient,
    resource: CatalogResource,
  ): Promise<string | undefined> {
    const endpoint = resource.endpoint as string;
    if (!resource.parent) return endpoint;
    const parent = getCatalog(this.config.apiVersion).resources[
      resource.parent.resource
    ];
    const page = await client.getPage(
      parent?.endpoint ?? "",
      PROBE_QUERY,
      this.#callOptions(),
    );
    const id = page.records[0]?.id;
    if (id === undefined) return undefined;
    return endpoint.replace(`{${resource.parent.pathParameter}}`, String(id));
  }

  #apiKey(): void {
    const version = this.config.apiVersion;
    if (!apiKeysSupported(version)) {
      this.#fail(
        "auth",
        apiKeyRefusal(version),
        `Create an OAuth client under ${OAUTH_CLIENT_SETUP} and switch auth to type "oauth".`,
      );
      return;
    }
    this.#pass(
      "auth",
      "API key configured (deprecated; checked by the table reads). Plan " +
        `to move to an OAuth client under ${OAUTH_CLIENT_SETUP}.`,
    );
  }

  #failWith(name: string, error: unknown): void {
    if (!(error instanceof CoupaError)) throw error;
    const fatal = name === "auth" || FATAL_CODES.has(error.code);
    this.#fail(name, whatHappened(error.message), this.#fixFor(error), fatal);
  }

  #fixFor(error: CoupaError): string {
    if (error instanceof ScopeMissingError) {
      const scopes = error.scopes.join(", ") || "(see detail)";
      return `Add scope ${scopes} to the OAuth client under ${OAUTH_CLIENT_SETUP}.`;
    }
    if (error instanceof IpNotAllowlistedError) {
      const addresses = [error.sourceAddress, ...error.egressAddresses].filter(
        Boolean,
      );
      return addresses.length > 0
        ? `Allowlist ${addresses.join(", ")} for the Coupa instance ` +
            "(see `coupa-extractor allowlist`)."
        : "Allowlist this machine's public address for the Coupa " +
            "instance, or set cluster/sourceAddress.";
    }
    return (
      FIXES[error.code] ??
      "Read the detail, correct the connection and test again."
    );
  }

  #tcpFix(): string {
    const bound = this.config.sourceAddress
      ? ` and that ${this.config.sourceAddress} is an address of this machine`
      : "";
    return `Check host and port, that firewalls and proxies let this machine reach it${bound}.`;
  }

  #callOptions() {
    return this.options.signal ? { signal: this.options.signal } : {};
  }

  #record(
    name: string,
    result: { ok: boolean; detail: string },
    fix: string,
  ): boolean {
    if (result.ok) this.#pass(name, result.detail);
    else this.#fail(name, result.detail, fix);
    return result.ok;
  }

  #skipReason(): string {
    return `skipped: the ${this.blockedBy ?? "previous"} check failed`;
  }

  #pass(name: string, detail: string): void {
    this.checks.push({ name, status: "pass", detail });
  }

  #skip(name: string, detail: string): void {
    this.checks.push({ name, status: "skip", detail });
  }

  #fail(name: string, detail: string, fix: string, fatal = true): void {
    this.checks.push({ name, status: "fail", detail, fix });
    if (fatal && !this.blockedBy) this.blockedBy = name;
  }
}

// Error messages say what happened, then what to do; the fix has its own
// field here, so the detail keeps only the first sentence.
function whatHappened(message: string): string {
  const end = message.search(/\.\s+[A-Z]/);
  return end < 0 ? message : message.slice(0, end + 1);
}

const PROBE_QUERY = [
  ["limit", "1"],
  ["fields", '["id"]'],
] as const;

// Failures that every later request would hit too.
const FATAL_CODES: ReadonlySet<string> = new Set([
  "AUTH_FAILED",
  "IP_NOT_ALLOWLISTED",
  "HOST_NOT_FOUND",
  "CONNECTION_REFUSED",
  "TLS_FAILED",
  "REDIRECTED",
]);

const FIXES: Readonly<Record<string, string>> = {
  AUTH_FAILED:
    "Check auth.clientId and auth.clientSecret against the client's " +
    `Identifier and Secret under ${OAUTH_CLIENT_SETUP}.`,
  HOST_NOT_FOUND: "Check host in the connection config.",
  CONNECTION_REFUSED:
    "Check host and port, and that firewalls and proxies let this machine reach Coupa.",
  CONNECTION_LOST:
    "Try again; if it persists, check proxies and firewalls between " +
    "this machine and Coupa.",
  TLS_FAILED:
    "Check that host is your Coupa instance; if a proxy inspects TLS, " +
    "set NODE_EXTRA_CA_CERTS.",
  TIMEOUT: "Try again later, or raise requestTimeoutMs.",
  RATE_LIMITED:
    "Another integration may be using the tenant's limit: try again " +
    "later or lower requestsPerSecond.",
  REDIRECTED: "Set host to the origin of your Coupa instance's API.",
};
