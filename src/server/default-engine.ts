import { loadClusters } from "../connection/clusters.js";
import { ConfigError } from "../connection/config-error.js";
import type { ConnectionConfig } from "../connection/connection-config-schema.js";
import { parseConnectionConfig } from "../connection/parse-connection-config.js";
import { parseExtractionConfig } from "../extract/extraction-config.js";
import { ExtractionConfigError } from "../extract/extraction-config-error.js";
import type { RunReport } from "../extract/run-report.js";
import { startExtraction } from "../extract/start-extraction.js";
import {
  type EngineConnection,
  type EngineExtraction,
  type EngineFieldIssue,
  EngineValidationError,
  type ExtractionEngine,
  type ExtractionOutcome,
} from "./extraction-engine.js";

/**
 * The extraction engine made of the product's real modules: connection
 * validation and test (connection/), table settings (extract/), runs
 * (extract/) and the pool's read side (load/).
 */
export function createDefaultEngine(
  env: NodeJS.ProcessEnv = process.env,
): ExtractionEngine {
  return {
    parseConnection: (input) => parseConnection(input),
    parseTables: (tables, connection) => parseTables(tables, connection).tables,
    testConnection: async (connection, options) => {
      const { testConnection } = await import(
        "../connection/test-connection.js"
      );
      return testConnection(withScopes(connection, options.tables), {
        tables: [...options.tables],
        transport: options.transport,
        logger: options.logger,
      });
    },
    startExtraction: (options) => {
      const tables = options.tables.map((table) => table.resource);
      const handle = startExtraction({
        connection: withScopes(options.connection, tables),
        poolPath: options.poolPath,
        memoryLimitMb: options.memoryLimitMb,
        tables: options.tables,
        mode: options.mode,
        logger: options.logger,
        transport: options.transport,
      });
      return adaptHandle(handle);
    },
    // Loaded on first use: DuckDB's native binding is only needed once a
    // pool is read.
    openPoolReader: async (path) => {
      const { PoolReader } = await import("../load/pool-reader.js");
      return PoolReader.open(path);
    },
    clusters: () =>
      Object.entries(loadClusters(env)).map(([name, egress]) => ({
        name,
        egress: [...egress],
      })),
  };
}

function parseConnection(input: unknown): EngineConnection {
  try {
    return parseConnectionConfig(input) as unknown as EngineConnection;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const fields = error.issues.map((issue) => ({
      path: issue.path,
      message: `${issue.message} (given: ${issue.value})`,
    }));
    throw new EngineValidationError(error.message, fields);
  }
}

function parseTables(
  tables: Readonly<Record<string, unknown>>,
  connection: EngineConnection,
) {
  try {
    return parseExtractionConfig({
      connection,
      pool: { path: "pool.duckdb" },
      tables,
    });
  } catch (error) {
    if (!(error instanceof ExtractionConfigError)) throw error;
    throw new EngineValidationError(
      error.message,
      error.issues.map(toFieldIssue),
    );
  }
}

/** `tables.invoices.filter: unknown operator` → path and message. */
function toFieldIssue(issue: string): EngineFieldIssue {
  const index = issue.indexOf(": ");
  if (index < 0) return { path: "tables", message: issue };
  return { path: issue.slice(0, index), message: issue.slice(index + 2) };
}

/**
 * The connection with its OAuth scopes defaulted to what the tables
 * need, as the connection module derives them.
 */
function withScopes(
  connection: EngineConnection,
  tables: readonly string[],
): ConnectionConfig {
  return parseConnectionConfig(connection, { tables });
}

function adaptHandle(
  handle: ReturnType<typeof startExtraction>,
): EngineExtraction {
  return {
    runId: handle.runId,
    onProgress: (listener) => handle.on("progress", listener),
    progress: () => handle.progress(),
    cancel: () => handle.cancel(),
    outcome: handle.result.then(toOutcome),
  };
}

function toOutcome(report: RunReport): ExtractionOutcome {
  const failed = report.tables.find((table) => table.error);
  return {
    status: report.status,
    report,
    ...(failed?.error
      ? {
          error: {
            code: failed.error.code,
            message: `${failed.table}: ${failed.error.message}`,
          },
        }
      : {}),
  };
}
