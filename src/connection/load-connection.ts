import { type ClusterTable, loadClusters } from "./clusters.js";
import { ConfigError } from "./config-error.js";
import type { ConnectionConfig } from "./connection-config-schema.js";
import { loadConfigFile } from "./load-config-file.js";
import { parseConnectionConfig } from "./parse-connection-config.js";

/** The parts of the product's config file that the connection needs. */
export interface LoadedConnection {
  readonly connection: ConnectionConfig;
  /** Keys of `tables`, in file order; the rest is extract/'s to validate. */
  readonly tables: readonly string[];
}

/** Options of `loadConnection`. */
export interface LoadConnectionOptions {
  /** Default `process.env`. */
  readonly env?: NodeJS.ProcessEnv;
  /** Default `loadClusters(env)`. */
  readonly clusters?: ClusterTable;
}

/**
 * Reads `{ connection, pool, tables }` from a config file and validates
 * the connection, defaulting its OAuth scopes to what the tables need.
 *
 * @example
 * const { connection, tables } = await loadConnection("coupa.yaml");
 * @throws ConfigFileError (file) or ConfigError (content).
 */
export async function loadConnection(
  path: string,
  options: LoadConnectionOptions = {},
): Promise<LoadedConnection> {
  const document = await loadConfigFile(path, options.env);
  const section = sectionOf(document, "connection");
  if (section === undefined) throw missingConnection(path);
  const tables = Object.keys(sectionOf(document, "tables") ?? {});
  const connection = parseConnectionConfig(section, {
    tables,
    pathPrefix: "connection",
    clusters: options.clusters ?? loadClusters(options.env),
  });
  return { connection, tables };
}

function sectionOf(document: unknown, key: string): unknown {
  if (document === null || typeof document !== "object") return undefined;
  const value = (document as Record<string, unknown>)[key];
  return value === null ? undefined : value;
}

function missingConnection(path: string): ConfigError {
  return new ConfigError(
    [
      {
        path: "connection",
        value: "(missing)",
        message:
          "required: add a connection section with name, host and auth " +
          "(see `coupa-extractor connection show --help`)",
      },
    ],
    `The config file ${path}`,
  );
}
