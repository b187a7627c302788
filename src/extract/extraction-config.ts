import path from "node:path";
import { z } from "zod";
import { getCatalog } from "../catalog/catalog.js";
import type { Catalog } from "../catalog/catalog-types.js";
import { ConfigError } from "../connection/config-error.js";
import type { ConnectionConfig } from "../connection/connection-config-schema.js";
import { parseConnectionConfig } from "../connection/parse-connection-config.js";
import { MIN_SMALL_BLOCK_MEMORY_LIMIT_MB } from "../load/pool-memory.js";
import { closeMatches } from "../normalize/close-matches.js";
import type {
  FieldSelection,
  TableSettings,
} from "../normalize/table-settings.js";
import { ExtractionConfigError } from "./extraction-config-error.js";
import {
  type FilterInput,
  parseFilterConditions,
} from "./filter-conditions.js";
import { parseDuration } from "./parse-duration.js";
import { validateFilterConditions } from "./validate-filter-conditions.js";
import { validateTableLayout } from "./validate-table-layout.js";

/** Default lookback of a delta before the previous watermark: one hour. */
export const DEFAULT_LOOKBACK_MS = 3_600_000;

/** Default safety margin subtracted from Coupa's clock: 60 seconds. */
export const DEFAULT_SAFETY_MARGIN_MS = 60_000;

const fieldSelection: z.ZodType<FieldSelection> = z.lazy(() =>
  z.union([
    z.string().min(1),
    z.record(
      z.string(),
      z.union([
        z.array(fieldSelection),
        z.record(z.string(), z.never()).transform(() => []),
      ]),
    ),
  ]),
);

const duration = z
  .union([z.string(), z.number()])
  .refine((value) => parseDuration(value) !== undefined, {
    error: 'expected a duration such as "15m", "2h", "1d" or milliseconds',
  });

const tableSchema = z.strictObject({
  columns: z.array(fieldSelection).min(1).optional(),
  filter: z
    .union([z.string(), z.record(z.string(), z.unknown())], {
      error: 'expected "status[in]=approved,voided&..." or a map',
    })
    .optional(),
  pseudonymize: z.array(z.string().min(1)).optional(),
  target: z
    .string()
    .regex(/^[a-z][a-z0-9_]*$/, "expected a snake_case table name")
    .refine((name) => !name.includes("__"), {
      error: "expected no double underscore (reserved for child tables)",
    })
    .optional(),
  lookback: duration.optional(),
  detectDeletes: z.boolean().optional(),
  drift: z.enum(["evolve", "fail"]).optional(),
});

type TableInput = z.output<typeof tableSchema>;

/**
 * Zod schema of the extraction config file: `{ connection, pool: { path,
 * memoryLimitMb? }, tables: { <resource>: settings }, safetyMargin? }`.
 * The connection is validated by `parseConnectionConfig`; table settings
 * here. Defaults: `lookback` 1h, `detectDeletes` false, `drift` "evolve",
 * `target` the resource name, `safetyMargin` 60s, `memoryLimitMb` 256.
 */
export const extractionConfigSchema = z.strictObject({
  connection: z.unknown(),
  pool: z.strictObject({
    path: z.string().min(1, "expected a file path"),
    memoryLimitMb: z
      .number()
      .int("expected a whole number of MB")
      .min(
        MIN_SMALL_BLOCK_MEMORY_LIMIT_MB,
        `expected at least ${MIN_SMALL_BLOCK_MEMORY_LIMIT_MB} (MB)`,
      )
      .optional(),
  }),
  tables: z
    .record(z.string(), z.unknown())
    .refine((tables) => Object.keys(tables).length > 0, {
      error: "expected at least one table, e.g. invoices: {}",
    }),
  safetyMargin: duration.optional(),
});

/** A validated, frozen extraction config. */
export interface ExtractionConfig {
  readonly connection: ConnectionConfig;
  /** Absolute path of the pool's DuckDB file. */
  readonly poolPath: string;
  /** Memory DuckDB may use, in MB; absent for the default (256). */
  readonly memoryLimitMb?: number;
  readonly tables: readonly TableSettings[];
  /** Subtracted from Coupa's clock to fix a run's upper bound. */
  readonly safetyMarginMs: number;
}

/** Options of `parseExtractionConfig`. */
export interface ParseExtractionConfigOptions {
  /** Folder relative pool paths start from; default the working directory. */
  readonly baseDir?: string;
  /** Catalog to check tables against; default the connection's release. */
  readonly catalog?: Catalog;
}

/**
 * Validates an extraction config (as read by `loadConfigFile`) and returns
 * it frozen. Every problem (connection fields, unknown tables, columns,
 * filter fields and operators, durations) is collected and thrown at once
 * as `ExtractionConfigError`; nothing is sent to Coupa.
 *
 * @example
 * const config = parseExtractionConfig(await loadConfigFile("coupa.yaml"));
 */
export function parseExtractionConfig(
  input: unknown,
  options: ParseExtractionConfigOptions = {},
): ExtractionConfig {
  const parsed = extractionConfigSchema.safeParse(input);
  const issues: string[] = parsed.success ? [] : zodIssues(parsed.error);
  const raw = input as { connection?: unknown; tables?: unknown } | null;
  const catalog = options.catalog ?? getCatalog();
  const names = tableNames(raw).filter(
    (name) => !resourceProblem(catalog, name),
  );
  const connection = parseConnection(raw?.connection, names, issues);

  const tables = Object.entries(tablesOf(raw)).flatMap(([resource, value]) => {
    const table = parseTableInput(resource, value, issues);
    return parseTable(catalog, resource, table, issues) ?? [];
  });
  issues.push(...duplicateTargets(tables));
  if (!parsed.success || issues.length > 0 || !connection) {
    throw new ExtractionConfigError(issues);
  }

  const baseDir = options.baseDir ?? process.cwd();
  return Object.freeze({
    connection,
    poolPath: path.resolve(baseDir, parsed.data.pool.path),
    memoryLimitMb: parsed.data.pool.memoryLimitMb,
    tables: Object.freeze(tables),
    safetyMarginMs:
      parseDuration(parsed.data.safetyMargin) ?? DEFAULT_SAFETY_MARGIN_MS,
  });
}

/**
 * A table's settings as given; keys that fail validation are reported and
 * left out, so the remaining ones (filter, columns) are still checked.
 */
function parseTableInput(
  resource: string,
  value: unknown,
  issues: string[],
): TableInput {
  const first = tableSchema.nullable().safeParse(value);
  if (first.success) return first.data ?? {};
  issues.push(...zodIssues(first.error, `tables.${resource}`));
  const bad = new Set(first.error.issues.map((issue) => issue.path[0]));
  const rest = Object.fromEntries(
    Object.entries(value as object).filter(([key]) => !bad.has(key)),
  );
  return tableSchema.safeParse(rest).data ?? {};
}

function tablesOf(raw: { tables?: unknown } | null): Record<string, unknown> {
  const tables = raw?.tables;
  return tables && typeof tables === "object" && !Array.isArray(tables)
    ? (tables as Record<string, unknown>)
    : {};
}

function zodIssues(error: z.ZodError, prefix?: string): string[] {
  return error.issues
    .filter((issue) => prefix || issue.path[0] !== "connection")
    .map((issue) => {
      const where = [prefix, ...issue.path].filter(Boolean).join(".");
      return `${where || "(file)"}: ${issue.message}`;
    });
}

function tableNames(raw: { tables?: unknown } | null): string[] {
  return Object.keys(tablesOf(raw));
}

function parseConnection(
  input: unknown,
  tables: readonly string[],
  issues: string[],
): ConnectionConfig | undefined {
  if (input === undefined) {
    issues.push("connection: missing; add host, name and auth");
    return undefined;
  }
  try {
    return parseConnectionConfig(input, { tables, pathPrefix: "connection" });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const issue of error.issues) {
      issues.push(`${issue.path}: ${issue.value}: ${issue.message}`);
    }
    return undefined;
  }
}

function parseTable(
  catalog: Catalog,
  resource: string,
  input: TableInput,
  issues: string[],
): TableSettings | undefined {
  const problem = resourceProblem(catalog, resource);
  if (problem) {
    issues.push(`tables.${resource}: ${problem}`);
    return undefined;
  }

  const filter = parseFilterConditions((input.filter ?? "") as FilterInput);
  const filterIssues = [
    ...filter.issues,
    ...validateFilterConditions(catalog, resource, filter.conditions),
  ];
  issues.push(...filterIssues.map((i) => `tables.${resource}.filter: ${i}`));

  const settings: TableSettings = Object.freeze({
    resource,
    target: input.target ?? resource,
    ...(input.columns ? { columns: input.columns } : {}),
    filter: filter.conditions,
    pseudonymize: input.pseudonymize ?? [],
    lookbackMs: parseDuration(input.lookback) ?? DEFAULT_LOOKBACK_MS,
    detectDeletes: input.detectDeletes ?? false,
    drift: input.drift ?? "evolve",
  });
  const layoutIssues = validateTableLayout(settings, catalog);
  issues.push(...layoutIssues.map((i) => `tables.${resource}: ${i}`));
  return settings;
}

function resourceProblem(
  catalog: Catalog,
  resource: string,
): string | undefined {
  const known = catalog.resources[resource];
  if (!known) {
    const names = Object.values(catalog.resources)
      .filter((r) => r.endpoint !== null)
      .map((r) => r.name)
      .sort();
    const close = closeMatches(resource, names);
    const hint = close.length > 0 ? `did you mean ${close.join(", ")}? ` : "";
    return (
      `unknown table "${resource}" in Coupa ${catalog.apiVersion}; ${hint}` +
      `known tables: ${names.join(", ")}`
    );
  }
  if (known.endpoint === null) {
    const host = known.embeddedIn?.resource ?? "its parent";
    return (
      `"${resource}" has no list endpoint in Coupa: it is embedded in ` +
      `${host}; extract ${host} instead (it lands in a child table)`
    );
  }
  return undefined;
}

function duplicateTargets(tables: readonly TableSettings[]): string[] {
  const seen = new Map<string, string>();
  const issues: string[] = [];
  for (const table of tables) {
    const other = seen.get(table.target);
    if (other) {
      issues.push(
        `tables.${table.resource}.target: "${table.target}" is also the ` +
          `table of ${other}; give each a distinct target`,
      );
    }
    seen.set(table.target, table.resource);
  }
  return issues;
}
