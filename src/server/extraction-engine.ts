import type { Logger } from "pino";
import type { Transport } from "../coupa/transport.js";
import type { TableSettings } from "../normalize/table-settings.js";

/**
 * A validated Coupa connection config, as the connection module returns
 * it. The server treats it as data: it stores it (secrets apart), masks
 * it and hands it back to the engine.
 */
export type EngineConnection = Readonly<Record<string, unknown>> & {
  readonly name: string;
  readonly host: string;
  readonly apiVersion: string;
  readonly auth: Readonly<Record<string, unknown>> & { readonly type: string };
};

/** One check of a connection test. */
export interface ConnectionCheck {
  readonly name: string;
  readonly status: "pass" | "fail" | "skip";
  readonly detail: string;
  readonly fix?: string;
}

/** What a connection test found. */
export interface ConnectionTestReport {
  readonly ok: boolean;
  readonly checks: readonly ConnectionCheck[];
}

/** How an extraction ended, with the extraction's own report. */
export interface ExtractionOutcome {
  readonly status: "succeeded" | "failed" | "cancelled";
  readonly report: unknown;
  /** The first error, when the run failed. */
  readonly error?: { readonly code: string; readonly message: string };
}

/** A running extraction as the server drives it. */
export interface EngineExtraction {
  /** The extraction's id in the pool's `_runs` table. */
  readonly runId: string;
  onProgress(listener: (progress: unknown) => void): void;
  progress(): unknown;
  cancel(): void;
  readonly outcome: Promise<ExtractionOutcome>;
}

/** Options of one extraction started by the server. */
export interface EngineExtractionOptions {
  readonly connection: EngineConnection;
  readonly poolPath: string;
  /** DuckDB's memory cap in MB; undefined for the default. */
  readonly memoryLimitMb?: number;
  readonly tables: readonly TableSettings[];
  readonly mode: "full" | "delta" | "auto";
  readonly logger: Logger;
  readonly transport?: Transport;
}

/** A table of a pool, as listed. */
export interface PoolTableInfo {
  readonly name: string;
  readonly rows: number;
  readonly columns: readonly { readonly name: string; readonly type: string }[];
}

/** The read side of a pool the server needs. */
export interface EnginePoolReader {
  tables(): Promise<readonly PoolTableInfo[]>;
  rows(
    table: string,
    options: { limit: number; offset: number },
  ): Promise<readonly Record<string, unknown>[]>;
  /** The pool file's block size in bytes (it bounds DuckDB's memory cap). */
  blockSize(): Promise<number>;
  close(): Promise<void>;
}

/** A field at fault in a config, as the engine reports it. */
export interface EngineFieldIssue {
  readonly path: string;
  readonly message: string;
}

/**
 * Thrown by the engine's parse functions: every field at fault. The
 * server turns it into a 400 `VALIDATION` answer.
 */
export class EngineValidationError extends Error {
  override readonly name = "EngineValidationError";
  readonly code = "VALIDATION";
  readonly retryable = false;

  constructor(
    message: string,
    readonly fields: readonly EngineFieldIssue[],
  ) {
    super(message);
  }
}

/**
 * Everything the server asks of the extraction side of the product, in
 * one narrow role: validating connections and table settings, testing
 * connections, starting extractions and reading pools. The default
 * implementation (`createDefaultEngine`) wires the real modules; tests
 * may replace single functions with spies.
 */
export interface ExtractionEngine {
  /** Validates and normalizes a connection; throws EngineValidationError. */
  parseConnection(input: unknown): EngineConnection;
  /** Validates a job's tables; throws EngineValidationError. */
  parseTables(
    tables: Readonly<Record<string, unknown>>,
    connection: EngineConnection,
  ): readonly TableSettings[];
  testConnection(
    connection: EngineConnection,
    options: {
      tables: readonly string[];
      transport?: Transport;
      logger: Logger;
    },
  ): Promise<ConnectionTestReport>;
  startExtraction(options: EngineExtractionOptions): EngineExtraction;
  openPoolReader(path: string): Promise<EnginePoolReader>;
  /** The product's egress addresses per deployment cluster. */
  clusters(): readonly { name: string; egress: readonly string[] }[];
}
