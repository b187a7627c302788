import type { z } from "zod";
import type { ClusterTable } from "./clusters.js";
import { knownClusters, loadClusters } from "./clusters.js";
import { ConfigError, type ConfigIssue } from "./config-error.js";
import {
  type ConnectionConfig,
  connectionConfigSchema,
} from "./connection-config-schema.js";
import { maskSecret, SECRET_KEYS } from "./mask-secrets.js";
import { requiredScopes } from "./required-scopes.js";

/** Options of `parseConnectionConfig`. */
export interface ParseConnectionOptions {
  /**
   * Tables the connection will read. When given and `auth.scopes` is not,
   * the scopes default to `requiredScopes(tables)`. Default none: the
   * token is then requested without a scope and carries all the client's.
   */
  readonly tables?: readonly string[];
  /** Known clusters. Default `loadClusters()` (environment override). */
  readonly clusters?: ClusterTable;
  /** Prefix of every reported path, e.g. `connection`. Default none. */
  readonly pathPrefix?: string;
}

const TOP_LEVEL_KEYS = [
  "name",
  "mode",
  "agent",
  "host",
  "auth",
  "apiVersion",
  "cluster",
  "sourceAddress",
  "requestsPerSecond",
  "burst",
  "maxParallelRequests",
  "requestTimeoutMs",
  "allowInsecureHttp",
];
const AUTH_KEYS: Readonly<Record<string, string[]>> = {
  oauth: ["type", "clientId", "clientSecret", "scopes"],
  apiKey: ["type", "key"],
};

/**
 * Validates a connection config, reporting every invalid field at once.
 *
 * @example
 * const config = parseConnectionConfig({
 *   name: "acme prod",
 *   host: "acme",
 *   auth: { type: "oauth", clientId: "…", clientSecret: "…" },
 * });
 * config.host; // "https://acme.coupahost.com"
 * @throws ConfigError with one issue per bad field: path, masked value and
 * what is allowed.
 */
export function parseConnectionConfig(
  input: unknown,
  options: ParseConnectionOptions = {},
): ConnectionConfig {
  const result = connectionConfigSchema.safeParse(input);
  const issues = result.success ? [] : result.error.issues.map(toIssue(input));
  issues.push(...clusterIssues(input, options.clusters));
  if (issues.length > 0 || !result.success) {
    throw new ConfigError(prefixed(issues, options.pathPrefix));
  }
  return withDefaultScopes(result.data, options.tables);
}

function toIssue(input: unknown) {
  return (issue: z.core.$ZodIssue): ConfigIssue => {
    const path = issue.path.map(String);
    if (issue.code === "unrecognized_keys") {
      return unknownKeysIssue(input, path, issue.keys);
    }
    const present = hasPath(input, path);
    return {
      path: path.join(".") || "(config)",
      value: present ? showValue(valueAt(input, path), path) : "(missing)",
      message: present ? issue.message : `required: ${issue.message}`,
    };
  };
}

function unknownKeysIssue(
  input: unknown,
  path: string[],
  keys: string[],
): ConfigIssue {
  const type = valueAt(input, ["auth", "type"]);
  const allowed =
    path.length === 0 ? TOP_LEVEL_KEYS : (AUTH_KEYS[String(type)] ?? []);
  return {
    path: [...path, keys.join(", ")].join("."),
    value: "(unknown key)",
    message: `not a known setting; allowed keys: ${allowed.join(", ")}`,
  };
}

function clusterIssues(
  input: unknown,
  clusters: ClusterTable | undefined,
): ConfigIssue[] {
  const cluster = valueAt(input, ["cluster"]);
  if (typeof cluster !== "string") return [];
  const table = clusters ?? loadClusters();
  if (table[cluster]) return [];
  return [
    {
      path: "cluster",
      value: JSON.stringify(cluster),
      message: `unknown cluster; known clusters: ${knownClusters(table)}`,
    },
  ];
}

function prefixed(issues: ConfigIssue[], prefix?: string): ConfigIssue[] {
  if (!prefix) return issues;
  return issues.map((issue) => ({
    ...issue,
    path: `${prefix}.${issue.path}`,
  }));
}

function withDefaultScopes(
  config: ConnectionConfig,
  tables: readonly string[] | undefined,
): ConnectionConfig {
  if (config.auth.type !== "oauth" || config.auth.scopes || !tables) {
    return config;
  }
  const scopes = Object.freeze(requiredScopes(tables, config.apiVersion));
  const auth = Object.freeze({ ...config.auth, scopes });
  return Object.freeze({ ...config, auth }) as ConnectionConfig;
}

function hasPath(input: unknown, path: string[]): boolean {
  let node: unknown = input;
  for (const key of path) {
    if (node === null || typeof node !== "object" || !(key in node)) {
      return false;
    }
    node = (node as Record<string, unknown>)[key];
  }
  return node !== undefined;
}

function valueAt(input: unknown, path: string[]): unknown {
  let node: unknown = input;
  for (const key of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

function showValue(value: unknown, path: string[]): string {
  if (path.some((key) => SECRET_KEYS.has(key))) return maskSecret(value);
  if (typeof value === "string" && value.includes("@")) {
    return JSON.stringify(value.replace(/^([^/]*\/\/)?[^/]*@/, "$1••••@"));
  }
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
