import type { Connection, ConnectionBody, Meta } from "../api/api-types.js";
import { minimalScopes } from "./minimal-scopes.js";

/** The connection form's values, all as the inputs hold them. */
export interface ConnectionDraft {
  readonly name: string;
  readonly mode: "direct" | "uplinked";
  /** Uplinked agent id; sent only in mode "uplinked". */
  readonly agent: string;
  readonly host: string;
  readonly authType: "oauth" | "apiKey";
  readonly clientId: string;
  /** Empty on an edited connection: the saved secret stays. */
  readonly clientSecret: string;
  /** Space-separated, as Coupa's token request spells them. */
  readonly scopes: string;
  /** False until the user edits the scopes; until then they follow tables. */
  readonly scopesEdited: boolean;
  /** Tables the connection will serve; they decide the default scopes. */
  readonly plannedTables: readonly string[];
  /** Empty on an edited connection: the saved key stays. */
  readonly apiKey: string;
  readonly apiVersion: string;
  readonly cluster: string;
  readonly sourceAddress: string;
  readonly requestsPerSecond: string;
  readonly burst: string;
  readonly maxParallelRequests: string;
  readonly allowInsecureHttp: boolean;
}

/** A fresh form: latest API version, first cluster, every table planned. */
export function emptyDraft(meta: Meta): ConnectionDraft {
  const plannedTables = meta.resources.map((resource) => resource.name);
  return {
    name: "",
    mode: "direct",
    agent: "",
    host: "",
    authType: "oauth",
    clientId: "",
    clientSecret: "",
    scopes: minimalScopes(meta.resources, plannedTables).join(" "),
    scopesEdited: false,
    plannedTables,
    apiKey: "",
    apiVersion: meta.latestApiVersion,
    cluster: meta.clusters[0]?.name ?? "",
    sourceAddress: "",
    requestsPerSecond: "",
    burst: "",
    maxParallelRequests: "",
    allowInsecureHttp: false,
  };
}

/**
 * The form for a saved connection; secrets are left blank. The planned
 * tables are those the saved scopes can read.
 */
export function draftFromConnection(
  connection: Connection,
  meta: Meta,
): ConnectionDraft {
  const auth = connection.auth;
  const scopes = auth.type === "oauth" ? (auth.scopes ?? []) : [];
  return {
    ...emptyDraft(meta),
    ...(scopes.length > 0
      ? {
          plannedTables: meta.resources
            .filter((resource) => scopes.includes(resource.scope))
            .map((resource) => resource.name),
        }
      : {}),
    name: connection.name,
    mode: connection.mode,
    agent: connection.agent ?? "",
    host: connection.host,
    authType: auth.type,
    clientId: auth.type === "oauth" ? auth.clientId : "",
    scopes: scopes.join(" "),
    scopesEdited: true,
    apiVersion: connection.apiVersion,
    cluster: connection.cluster ?? meta.clusters[0]?.name ?? "",
    sourceAddress: connection.sourceAddress ?? "",
    requestsPerSecond: numberText(connection.requestsPerSecond),
    burst: numberText(connection.burst),
    maxParallelRequests: numberText(connection.maxParallelRequests),
    allowInsecureHttp: connection.allowInsecureHttp ?? false,
  };
}

/**
 * Changes the planned tables and, unless the user wrote their own scopes,
 * the scopes with them.
 */
export function withPlannedTables(
  draft: ConnectionDraft,
  meta: Meta,
  plannedTables: readonly string[],
): ConnectionDraft {
  if (draft.scopesEdited) return { ...draft, plannedTables };
  const scopes = minimalScopes(meta.resources, plannedTables).join(" ");
  return { ...draft, plannedTables, scopes };
}

/**
 * The request body. Blank optional fields are left out so the server's
 * defaults apply; a blank secret is left out so a saved one stays.
 */
export function bodyFromDraft(draft: ConnectionDraft): ConnectionBody {
  return {
    name: draft.name.trim(),
    mode: draft.mode,
    ...optional("agent", draft.mode === "uplinked" ? draft.agent.trim() : ""),
    host: draft.host.trim(),
    auth: authOf(draft),
    apiVersion: draft.apiVersion,
    ...optional("cluster", draft.mode === "direct" ? draft.cluster : ""),
    ...optional("sourceAddress", draft.sourceAddress.trim()),
    ...optionalNumber("requestsPerSecond", draft.requestsPerSecond),
    ...optionalNumber("burst", draft.burst),
    ...optionalNumber("maxParallelRequests", draft.maxParallelRequests),
    ...(draft.allowInsecureHttp ? { allowInsecureHttp: true } : {}),
  };
}

function authOf(draft: ConnectionDraft): ConnectionBody["auth"] {
  if (draft.authType === "apiKey") {
    return { type: "apiKey", ...optional("key", draft.apiKey.trim()) };
  }
  return {
    type: "oauth",
    clientId: draft.clientId.trim(),
    ...optional("clientSecret", draft.clientSecret.trim()),
    scopes: draft.scopes.split(/[\s,]+/).filter((scope) => scope !== ""),
  };
}

function optional<K extends string>(key: K, value: string) {
  return (value === "" ? {} : { [key]: value }) as Partial<Record<K, string>>;
}

/** Numbers the server will check; text that is not a number goes as is. */
function optionalNumber<K extends string>(key: K, text: string) {
  const value = text.trim();
  if (value === "") return {} as Partial<Record<K, number>>;
  const number = Number(value);
  return { [key]: Number.isNaN(number) ? value : number } as Partial<
    Record<K, number>
  >;
}

function numberText(value: number | undefined): string {
  return value === undefined ? "" : String(value);
}
