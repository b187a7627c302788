import type { Job, JobBody, JobTableSettings } from "../api/api-types.js";

/** One table's settings as the job form's inputs hold them. */
export interface TableDraft {
  readonly target: string;
  /** Comma-separated field names, or a JSON array for nested choices. */
  readonly columns: string;
  /** Coupa's query syntax: `status[in]=approved,voided&total[gt]=100`. */
  readonly filter: string;
  /** Comma-separated pool column names. */
  readonly pseudonymize: string;
  /** A duration like `1h`; blank for the default. */
  readonly lookback: string;
  readonly detectDeletes: boolean;
  readonly drift: "evolve" | "fail";
}

/** The job form's values. */
export interface JobDraft {
  readonly name: string;
  readonly connectionId: string;
  /** Chosen tables, in the catalog's order. */
  readonly selected: readonly string[];
  /** Settings of every table ever chosen, kept when one is unticked. */
  readonly settings: Readonly<Record<string, TableDraft>>;
  readonly mode: "full" | "delta" | "auto";
  readonly schedule: string;
  readonly enabled: boolean;
}

/** Settings of a newly chosen table: the server's defaults. */
export const EMPTY_TABLE: TableDraft = {
  target: "",
  columns: "",
  filter: "",
  pseudonymize: "",
  lookback: "",
  detectDeletes: false,
  drift: "evolve",
};

/** A fresh job on the pool's first connection. */
export function emptyJobDraft(connectionId: string): JobDraft {
  return {
    name: "",
    connectionId,
    selected: [],
    settings: {},
    mode: "auto",
    schedule: "",
    enabled: true,
  };
}

/** The form for a saved job. */
export function draftFromJob(job: Job): JobDraft {
  const settings: Record<string, TableDraft> = {};
  for (const [name, table] of Object.entries(job.tables)) {
    settings[name] = tableDraftOf(table ?? {});
  }
  return {
    name: job.name,
    connectionId: job.connectionId,
    selected: Object.keys(job.tables),
    settings,
    mode: job.mode,
    schedule: job.schedule ?? "",
    enabled: job.enabled,
  };
}

/** The request body; blank settings are left out for the defaults. */
export function bodyFromJobDraft(draft: JobDraft): JobBody {
  const tables: Record<string, JobTableSettings> = {};
  for (const name of draft.selected) {
    tables[name] = tableSettingsOf(draft.settings[name] ?? EMPTY_TABLE);
  }
  const schedule = draft.schedule.trim();
  return {
    name: draft.name.trim(),
    connectionId: draft.connectionId,
    tables,
    mode: draft.mode,
    schedule: schedule === "" ? null : schedule,
    enabled: draft.enabled,
  };
}

function tableSettingsOf(table: TableDraft): JobTableSettings {
  const columns = parseColumns(table.columns);
  const pseudonymize = splitList(table.pseudonymize);
  return {
    ...(table.target.trim() ? { target: table.target.trim() } : {}),
    ...(columns.length > 0 ? { columns } : {}),
    ...(table.filter.trim() ? { filter: parseFilter(table.filter) } : {}),
    ...(pseudonymize.length > 0 ? { pseudonymize } : {}),
    ...(table.lookback.trim() ? { lookback: table.lookback.trim() } : {}),
    ...(table.detectDeletes ? { detectDeletes: true } : {}),
    ...(table.drift !== "evolve" ? { drift: table.drift } : {}),
  };
}

/** Plain names split on commas; a JSON array passes nested choices. */
function parseColumns(text: string): unknown[] {
  const value = text.trim();
  if (value.startsWith("[")) {
    try {
      const parsed: unknown = JSON.parse(value);
      if (Array.isArray(parsed)) return parsed;
    } catch {
      // Not JSON after all: the server names the bad column names.
    }
  }
  return splitList(value);
}

/** Query syntax stays text; a JSON list or map is sent as such. */
function parseFilter(text: string): unknown {
  const value = text.trim();
  if (!/^[[{]/.test(value)) return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function splitList(text: string): string[] {
  return text
    .split(/[,\s]+/)
    .map((item) => item.trim())
    .filter((item) => item !== "");
}

function tableDraftOf(table: JobTableSettings): TableDraft {
  const columns = table.columns ?? [];
  return {
    target: table.target ?? "",
    columns: columns.every((item) => typeof item === "string")
      ? columns.join(", ")
      : JSON.stringify(columns),
    filter: filterText(table.filter),
    pseudonymize: (table.pseudonymize ?? []).join(", "),
    lookback: table.lookback === undefined ? "" : String(table.lookback),
    detectDeletes: table.detectDeletes ?? false,
    drift: table.drift ?? "evolve",
  };
}

function filterText(filter: unknown): string {
  if (filter === undefined || filter === null) return "";
  if (typeof filter === "string") return filter;
  if (Array.isArray(filter)) return JSON.stringify(filter);
  return Object.entries(filter as Record<string, unknown>)
    .map(([key, value]) => `${key}=${String(value)}`)
    .join("&");
}
