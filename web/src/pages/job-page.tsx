import { useApi } from "../api/api-context.js";
import type { Connection, Job, Meta, Run } from "../api/api-types.js";
import { ErrorAlert } from "../components/error-alert.js";
import { FormField, fieldProps } from "../components/form-field.js";
import { LoadingNote } from "../components/loading-note.js";
import { PageTitle } from "../components/page-title.js";
import { StatusBadge } from "../components/status-badge.js";
import { TablePicker } from "../components/table-picker.js";
import { TableSettingsFields } from "../components/table-settings-fields.js";
import { errorAt } from "../lib/field-errors-of.js";
import { formatTime } from "../lib/format.js";
import { hrefOf } from "../lib/hash-route.js";
import { EMPTY_TABLE, type JobDraft } from "../lib/job-draft.js";
import { useAsync } from "../lib/use-async.js";
import { useJobForm } from "../lib/use-job-form.js";
import { usePoolCrumbs } from "../lib/use-pool-crumbs.js";

/** Props of `JobPage`. */
export interface JobPageProps {
  readonly poolId: string;
  /** The job to edit; undefined creates a new one. */
  readonly jobId?: string | undefined;
}

/** A job: its tables and their settings, mode, schedule, and runs. */
export function JobPage({ poolId, jobId }: JobPageProps) {
  const api = useApi();
  const crumbs = usePoolCrumbs(poolId);
  const loaded = useAsync(async () => {
    const [meta, connections, job, runs] = await Promise.all([
      api.meta(),
      api.listConnections(poolId),
      jobId ? api.getJob(jobId) : Promise.resolve(undefined),
      jobId ? api.listRuns(poolId) : Promise.resolve([]),
    ]);
    return { meta, connections, job, runs };
  }, [api, poolId, jobId]);

  const name = loaded.data?.job?.name;
  return (
    <>
      <PageTitle crumbs={crumbs}>
        {jobId ? `Job ${name ?? ""}`.trim() : "New extraction job"}
      </PageTitle>
      <ErrorAlert error={loaded.error} />
      <LoadingNote when={loaded.loading && !loaded.data} />
      {loaded.data && (
        <JobForm
          key={loaded.data.job?.id ?? "new"}
          poolId={poolId}
          {...loaded.data}
        />
      )}
      {loaded.data?.job && (
        <JobRuns
          poolId={poolId}
          runs={loaded.data.runs.filter((r) => r.jobId === jobId)}
        />
      )}
    </>
  );
}

const SHOWN_FIELDS = [
  "name",
  "connectionId",
  "tables",
  "mode",
  "schedule",
  "enabled",
];

function JobForm(props: {
  poolId: string;
  meta: Meta;
  connections: Connection[];
  job: Job | undefined;
}) {
  const { poolId, meta, connections, job } = props;
  const form = useJobForm(useApi(), poolId, job, connections[0]?.id ?? "");
  const { draft, dirty, errors, error, busy, status, change } = form;

  return (
    <form onSubmit={form.save} noValidate className="card job-form">
      <GeneralFields
        draft={draft}
        connections={connections}
        errors={errors}
        onChange={change}
      />
      <TablesFields
        draft={draft}
        meta={meta}
        errors={errors}
        onChange={change}
      />
      <ScheduleFields draft={draft} errors={errors} onChange={change} />
      <ErrorAlert error={error} shownFields={SHOWN_FIELDS} />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {job ? "Save changes" : "Save job"}
        </button>
        <button type="button" onClick={form.runNow} disabled={busy}>
          {dirty || !job ? "Save and run now" : "Run now"}
        </button>
        {job && (
          <button
            type="button"
            className="danger"
            onClick={form.remove}
            disabled={busy}
          >
            Delete job
          </button>
        )}
        <span className="save-status" role="status">
          {status}
        </span>
      </div>
    </form>
  );
}

interface JobFieldsProps {
  draft: JobDraft;
  errors: Readonly<Record<string, string>>;
  onChange: (draft: JobDraft) => void;
}

function GeneralFields(props: JobFieldsProps & { connections: Connection[] }) {
  const { draft, connections, errors, onChange } = props;
  const nameError = errorAt(errors, "name");
  const connectionError = errorAt(errors, "connectionId");
  const modeError = errorAt(errors, "mode");
  return (
    <>
      <FormField id="job-name" label="Name" error={nameError}>
        <input
          {...fieldProps("job-name", { error: nameError })}
          placeholder="e.g. Purchase to pay"
          value={draft.name}
          onChange={(e) => onChange({ ...draft, name: e.target.value })}
        />
      </FormField>
      <FormField
        id="job-connection"
        label="Data connection"
        error={connectionError}
      >
        <select
          {...fieldProps("job-connection", { error: connectionError })}
          value={draft.connectionId}
          onChange={(e) => onChange({ ...draft, connectionId: e.target.value })}
        >
          {connections.map((connection) => (
            <option key={connection.id} value={connection.id}>
              {connection.name} ({connection.host})
            </option>
          ))}
        </select>
      </FormField>
      <FormField
        id="job-mode"
        label="Mode"
        hint="Auto: a full load the first time, then deltas of what changed."
        error={modeError}
      >
        <select
          {...fieldProps("job-mode", { hint: true, error: modeError })}
          value={draft.mode}
          onChange={(e) =>
            onChange({ ...draft, mode: e.target.value as JobDraft["mode"] })
          }
        >
          <option value="auto">Auto (full, then delta)</option>
          <option value="full">Full load</option>
          <option value="delta">Delta load</option>
        </select>
      </FormField>
    </>
  );
}

function TablesFields(props: JobFieldsProps & { meta: Meta }) {
  const { draft, meta, errors, onChange } = props;
  const tablesError = errors.tables;

  function select(selected: string[]) {
    const settings = { ...draft.settings };
    for (const name of selected) settings[name] ??= EMPTY_TABLE;
    onChange({ ...draft, selected, settings });
  }

  return (
    <fieldset aria-describedby={tablesError ? "job-tables-error" : undefined}>
      <legend>Tables</legend>
      <TablePicker
        idPrefix="job-table"
        resources={meta.resources}
        selected={draft.selected}
        onChange={select}
        showScopes={false}
      />
      {tablesError && (
        <div className="field-error" id="job-tables-error">
          {tablesError}
        </div>
      )}
      {draft.selected.map((name) => (
        <TableSettingsFields
          key={name}
          table={name}
          value={draft.settings[name] ?? EMPTY_TABLE}
          errors={errors}
          onChange={(value) =>
            onChange({
              ...draft,
              settings: { ...draft.settings, [name]: value },
            })
          }
        />
      ))}
    </fieldset>
  );
}

function ScheduleFields({ draft, errors, onChange }: JobFieldsProps) {
  const scheduleError = errorAt(errors, "schedule");
  return (
    <fieldset>
      <legend>Schedule</legend>
      <FormField
        id="job-schedule"
        label="Cron expression (optional)"
        hint={
          <>
            Minute, hour, day of month, month, day of week, e.g.{" "}
            <code>0 */2 * * *</code> for every two hours. Blank runs only when
            you start it.
          </>
        }
        error={scheduleError}
      >
        <input
          {...fieldProps("job-schedule", { hint: true, error: scheduleError })}
          spellCheck={false}
          value={draft.schedule}
          onChange={(e) => onChange({ ...draft, schedule: e.target.value })}
        />
      </FormField>
      <div className="checkbox">
        <input
          type="checkbox"
          id="job-enabled"
          checked={draft.enabled}
          onChange={(e) => onChange({ ...draft, enabled: e.target.checked })}
        />
        <label htmlFor="job-enabled">Run on this schedule</label>
      </div>
    </fieldset>
  );
}

function JobRuns({ poolId, runs }: { poolId: string; runs: Run[] }) {
  return (
    <section aria-labelledby="job-runs-heading">
      <h2 id="job-runs-heading">Runs of this job</h2>
      {runs.length === 0 ? (
        <p className="empty">No runs yet.</p>
      ) : (
        <ul className="run-list">
          {runs.slice(0, 10).map((run) => (
            <li key={run.id}>
              <a href={hrefOf(`/pools/${poolId}/runs/${run.id}`)}>{run.id}</a>{" "}
              <StatusBadge status={run.status} /> {formatTime(run.startedAt)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
