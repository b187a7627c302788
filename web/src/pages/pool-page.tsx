import { useEffect, useState } from "react";
import { useApi } from "../api/api-context.js";
import type { Connection, Job, PoolTable, Run } from "../api/api-types.js";
import { ErrorAlert } from "../components/error-alert.js";
import { LoadingNote } from "../components/loading-note.js";
import { PageTitle } from "../components/page-title.js";
import { StatusBadge } from "../components/status-badge.js";
import { formatCount, formatTime, isFinalStatus } from "../lib/format.js";
import { hrefOf, navigate } from "../lib/hash-route.js";
import { useAsync } from "../lib/use-async.js";

/** Props of `PoolPage`. */
export interface PoolPageProps {
  readonly poolId: string;
  /** How often to refresh while a run is active, in ms; default 3000. */
  readonly refreshMs?: number;
}

/** One pool: its connections, jobs, tables and recent runs. */
export function PoolPage({ poolId, refreshMs = 3000 }: PoolPageProps) {
  const api = useApi();
  const pool = useAsync(() => api.getPool(poolId), [api, poolId]);
  const connections = useAsync(
    () => api.listConnections(poolId),
    [api, poolId],
  );
  const jobs = useAsync(() => api.listJobs(poolId), [api, poolId]);
  const tables = useAsync(() => api.listTables(poolId), [api, poolId]);
  const runs = useAsync(() => api.listRuns(poolId), [api, poolId]);
  const active = runs.data?.some((run) => !isFinalStatus(run.status));

  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => {
      runs.reload();
      tables.reload();
    }, refreshMs);
    return () => clearInterval(timer);
  }, [active, refreshMs, runs.reload, tables.reload]);

  const base = `/pools/${poolId}`;
  return (
    <>
      <PageTitle crumbs={[{ href: hrefOf("/"), label: "Data pools" }]}>
        {pool.data?.name ?? "Data pool"}
      </PageTitle>
      {pool.data?.description && (
        <p className="lead">{pool.data.description}</p>
      )}
      {pool.data?.memoryLimitMb && (
        <p className="hint">
          Runs cap DuckDB's memory at {pool.data.memoryLimitMb} MB.
        </p>
      )}
      <ErrorAlert error={pool.error} />
      <LoadingNote when={pool.loading && !pool.data} />
      <ConnectionsSection base={base} state={connections} />
      <JobsSection
        base={base}
        jobs={jobs}
        connections={connections.data ?? []}
      />
      <TablesSection base={base} state={tables} />
      <RunsSection base={base} state={runs} jobs={jobs.data ?? []} />
      {pool.data && <DangerZone poolId={poolId} name={pool.data.name} />}
    </>
  );
}

function DangerZone({ poolId, name }: { poolId: string; name: string }) {
  const api = useApi();
  const [error, setError] = useState<unknown>();

  async function remove() {
    const question =
      `Delete the data pool "${name}" with its connections, jobs, runs ` +
      "and extracted tables? This cannot be undone.";
    if (!window.confirm(question)) return;
    try {
      await api.deletePool(poolId);
      navigate("/");
    } catch (reason) {
      setError(reason);
    }
  }

  return (
    <section aria-labelledby="danger-heading">
      <h2 id="danger-heading">Delete</h2>
      <ErrorAlert error={error} />
      <button type="button" className="danger" onClick={remove}>
        Delete data pool
      </button>
    </section>
  );
}

interface ListState<T> {
  readonly data: T[] | undefined;
  readonly error: unknown;
}

function ConnectionsSection(props: {
  base: string;
  state: ListState<Connection>;
}) {
  const { base, state } = props;
  return (
    <section aria-labelledby="connections-heading">
      <div className="section-head">
        <h2 id="connections-heading">Data connections</h2>
        <a className="button" href={hrefOf(`${base}/connections/new`)}>
          Add data connection
        </a>
      </div>
      <ErrorAlert error={state.error} />
      {state.data?.length === 0 && (
        <p className="empty">
          No connections yet. Add one to reach your Coupa tenant.
        </p>
      )}
      {state.data && state.data.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Host</th>
              <th scope="col">Mode</th>
              <th scope="col">Authentication</th>
            </tr>
          </thead>
          <tbody>
            {state.data.map((connection) => (
              <tr key={connection.id}>
                <td>
                  <a href={hrefOf(`${base}/connections/${connection.id}`)}>
                    {connection.name}
                  </a>
                </td>
                <td>{connection.host}</td>
                <td>{connection.mode}</td>
                <td>
                  {connection.auth.type === "oauth"
                    ? "OAuth 2.0 client credentials"
                    : "API key (legacy)"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function JobsSection(props: {
  base: string;
  jobs: ListState<Job>;
  connections: readonly Connection[];
}) {
  const { base, jobs, connections } = props;
  const api = useApi();
  const [error, setError] = useState<unknown>();
  const names = new Map(connections.map((c) => [c.id, c.name]));

  async function runNow(job: Job) {
    try {
      const run = await api.startRun(job.id);
      navigate(`${base}/runs/${run.id}`);
    } catch (reason) {
      setError(reason);
    }
  }

  return (
    <section aria-labelledby="jobs-heading">
      <div className="section-head">
        <h2 id="jobs-heading">Extraction jobs</h2>
        {connections.length > 0 && (
          <a className="button" href={hrefOf(`${base}/jobs/new`)}>
            New job
          </a>
        )}
      </div>
      <ErrorAlert error={jobs.error ?? error} />
      {jobs.data?.length === 0 && (
        <p className="empty">
          {connections.length === 0
            ? "Add a data connection first, then create a job."
            : "No jobs yet. Create one to choose tables and run them."}
        </p>
      )}
      {jobs.data && jobs.data.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Connection</th>
              <th scope="col">Tables</th>
              <th scope="col">Mode</th>
              <th scope="col">Schedule</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {jobs.data.map((job) => (
              <tr key={job.id}>
                <td>
                  <a href={hrefOf(`${base}/jobs/${job.id}`)}>{job.name}</a>
                </td>
                <td>{names.get(job.connectionId) ?? job.connectionId}</td>
                <td>{Object.keys(job.tables).join(", ")}</td>
                <td>{job.mode}</td>
                <td>
                  {job.schedule ? <code>{job.schedule}</code> : "manual"}
                  {job.schedule && !job.enabled && " (paused)"}
                </td>
                <td>
                  <button type="button" onClick={() => runNow(job)}>
                    Run {job.name} now
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function TablesSection(props: { base: string; state: ListState<PoolTable> }) {
  const { base, state } = props;
  const [showEmpty, setShowEmpty] = useState(false);
  const all = state.data ?? [];
  const hidden = all.filter((table) => isEmptyChild(table)).length;
  const shown = showEmpty ? all : all.filter((t) => !isEmptyChild(t));
  return (
    <section aria-labelledby="tables-heading">
      <div className="section-head">
        <h2 id="tables-heading">Tables</h2>
        {hidden > 0 && (
          <div className="checkbox inline">
            <input
              type="checkbox"
              id="show-empty-tables"
              checked={showEmpty}
              onChange={(e) => setShowEmpty(e.target.checked)}
            />
            <label htmlFor="show-empty-tables">
              Show {hidden} empty child tables
            </label>
          </div>
        )}
      </div>
      <ErrorAlert error={state.error} />
      {state.data?.length === 0 && (
        <p className="empty">No tables yet. Run a job to fill the pool.</p>
      )}
      {shown.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">Table</th>
              <th scope="col" className="num">
                Rows
              </th>
              <th scope="col" className="num">
                Columns
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((table) => (
              <tr key={table.name} data-table={table.name}>
                <td className={`depth-${depthOf(table.name)}`}>
                  <a href={hrefOf(`${base}/tables/${table.name}`)}>
                    {table.name}
                  </a>
                </td>
                <td className="num">{formatCount(table.rows)}</td>
                <td className="num">{table.columns.length}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/**
 * Child tables (`invoices__tax_lines`) exist for every nested collection
 * in the catalog; most stay empty, and listing them all buries the rest.
 */
function isEmptyChild(table: PoolTable): boolean {
  return table.rows === 0 && table.name.includes("__");
}

/** Nesting depth of a table, from its `__` separators, for indenting. */
function depthOf(name: string): number {
  return Math.min(3, name.split("__").length - 1);
}

function RunsSection(props: {
  base: string;
  state: ListState<Run>;
  jobs: readonly Job[];
}) {
  const { base, state, jobs } = props;
  const names = new Map(jobs.map((job) => [job.id, job.name]));
  return (
    <section aria-labelledby="runs-heading">
      <h2 id="runs-heading">Recent runs</h2>
      <ErrorAlert error={state.error} />
      {state.data?.length === 0 && <p className="empty">No runs yet.</p>}
      {state.data && state.data.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">Run</th>
              <th scope="col">Job</th>
              <th scope="col">Status</th>
              <th scope="col">Started</th>
              <th scope="col">Finished</th>
            </tr>
          </thead>
          <tbody>
            {state.data.slice(0, 20).map((run) => (
              <tr key={run.id}>
                <td>
                  <a href={hrefOf(`${base}/runs/${run.id}`)}>{run.id}</a>
                </td>
                <td>{names.get(run.jobId) ?? run.jobId}</td>
                <td>
                  <StatusBadge status={run.status} />
                </td>
                <td>{formatTime(run.startedAt)}</td>
                <td>{formatTime(run.finishedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
