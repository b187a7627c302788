import { type FormEvent, useState } from "react";
import type { ApiClient } from "../api/api-client.js";
import type { Job } from "../api/api-types.js";
import { fieldErrorsOf } from "./field-errors-of.js";
import { navigate } from "./hash-route.js";
import {
  bodyFromJobDraft,
  draftFromJob,
  emptyJobDraft,
  type JobDraft,
} from "./job-draft.js";

/** What the job form needs to know and do. */
export interface JobFormState {
  readonly draft: JobDraft;
  /** True when the form differs from what is saved. */
  readonly dirty: boolean;
  readonly errors: Readonly<Record<string, string>>;
  readonly error: unknown;
  readonly busy: boolean;
  /** A short confirmation such as "Changes saved."; empty otherwise. */
  readonly status: string;
  change(next: JobDraft): void;
  save(event: FormEvent): Promise<void>;
  runNow(): Promise<void>;
  remove(): Promise<void>;
}

/**
 * State and actions of the job form. A new job opens its own page once
 * saved; "run now" saves unsaved changes first, then opens the run.
 */
export function useJobForm(
  api: ApiClient,
  poolId: string,
  job: Job | undefined,
  firstConnectionId: string,
): JobFormState {
  const [draft, setDraft] = useState<JobDraft>(() =>
    job ? draftFromJob(job) : emptyJobDraft(firstConnectionId),
  );
  const [dirty, setDirty] = useState(false);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState("");

  async function persist(): Promise<Job> {
    const body = bodyFromJobDraft(draft);
    const saved = job
      ? await api.updateJob(job.id, body)
      : await api.createJob(poolId, body);
    setDirty(false);
    return saved;
  }

  async function act(action: () => Promise<void>) {
    setBusy(true);
    setError(undefined);
    setStatus("");
    try {
      await action();
    } catch (reason) {
      setError(reason);
    } finally {
      setBusy(false);
    }
  }

  const save = (event: FormEvent) => {
    event.preventDefault();
    return act(async () => {
      const saved = await persist();
      if (!job) navigate(`/pools/${poolId}/jobs/${saved.id}`);
      else setStatus("Changes saved.");
    });
  };

  const runNow = () =>
    act(async () => {
      const saved = dirty || !job ? await persist() : job;
      const run = await api.startRun(saved.id);
      navigate(`/pools/${poolId}/runs/${run.id}`);
    });

  const remove = () =>
    act(async () => {
      if (!job || !window.confirm(`Delete the job "${job.name}"?`)) return;
      await api.deleteJob(job.id);
      navigate(`/pools/${poolId}`);
    });

  function change(next: JobDraft) {
    setDraft(next);
    setDirty(true);
    setStatus("");
  }

  const errors = fieldErrorsOf(error);
  return {
    draft,
    dirty,
    errors,
    error,
    busy,
    status,
    change,
    save,
    runNow,
    remove,
  };
}
