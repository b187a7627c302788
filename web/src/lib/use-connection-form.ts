import { type FormEvent, useState } from "react";
import type { ApiClient } from "../api/api-client.js";
import type {
  Connection,
  ConnectionTestResult,
  Meta,
} from "../api/api-types.js";
import {
  bodyFromDraft,
  type ConnectionDraft,
  draftFromConnection,
  emptyDraft,
} from "./connection-draft.js";
import { fieldErrorsOf } from "./field-errors-of.js";
import { navigate } from "./hash-route.js";

/** What the connection form needs to know and do. */
export interface ConnectionFormState {
  readonly draft: ConnectionDraft;
  readonly errors: Readonly<Record<string, string>>;
  readonly error: unknown;
  readonly busy: "save" | "test" | undefined;
  readonly result: ConnectionTestResult | undefined;
  change(next: ConnectionDraft): void;
  save(event: FormEvent): Promise<void>;
  test(): Promise<void>;
  remove(): Promise<void>;
}

/**
 * State and actions of the connection form: save (then back to the pool),
 * test (the saved connection as it is, or the form's unsaved values), and
 * delete after confirming.
 */
export function useConnectionForm(
  api: ApiClient,
  poolId: string,
  meta: Meta,
  connection: Connection | undefined,
): ConnectionFormState {
  const [draft, setDraft] = useState<ConnectionDraft>(() =>
    connection ? draftFromConnection(connection, meta) : emptyDraft(meta),
  );
  const [dirty, setDirty] = useState(false);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState<"save" | "test">();
  const [result, setResult] = useState<ConnectionTestResult>();

  async function save(event: FormEvent) {
    event.preventDefault();
    setBusy("save");
    setError(undefined);
    try {
      const body = bodyFromDraft(draft);
      if (connection) await api.updateConnection(connection.id, body);
      else await api.createConnection(poolId, body);
      navigate(`/pools/${poolId}`);
    } catch (reason) {
      setError(reason);
      setBusy(undefined);
    }
  }

  async function test() {
    setBusy("test");
    setError(undefined);
    setResult(undefined);
    try {
      setResult(await runTest(api, draft, connection, dirty));
    } catch (reason) {
      setError(reason);
    } finally {
      setBusy(undefined);
    }
  }

  async function remove() {
    if (!connection) return;
    if (!window.confirm(`Delete the connection "${connection.name}"?`)) return;
    try {
      await api.deleteConnection(connection.id);
      navigate(`/pools/${poolId}`);
    } catch (reason) {
      setError(reason);
    }
  }

  function change(next: ConnectionDraft) {
    setDraft(next);
    setDirty(true);
  }

  const errors = fieldErrorsOf(error);
  return { draft, errors, error, busy, result, change, save, test, remove };
}

/**
 * Tests a saved, unchanged connection by id; otherwise the form's values,
 * naming the saved connection so its stored secret fills a blank one.
 */
function runTest(
  api: ApiClient,
  draft: ConnectionDraft,
  saved: Connection | undefined,
  dirty: boolean,
): Promise<ConnectionTestResult> {
  const tables = draft.plannedTables;
  if (saved && !dirty) return api.testConnection(saved.id, tables);
  return api.testUnsavedConnection({
    ...bodyFromDraft(draft),
    tables,
    ...(saved ? { connectionId: saved.id } : {}),
  });
}
