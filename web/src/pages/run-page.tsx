import { useCallback, useEffect, useState } from "react";
import { useApi } from "../api/api-context.js";
import type { LogLine, Run, TableProgress } from "../api/api-types.js";
import { ErrorAlert } from "../components/error-alert.js";
import { PageTitle } from "../components/page-title.js";
import { ProgressTable } from "../components/progress-table.js";
import { RunLog } from "../components/run-log.js";
import { RunReportView } from "../components/run-report-view.js";
import { StatusBadge } from "../components/status-badge.js";
import { formatTime, isFinalStatus } from "../lib/format.js";
import { hrefOf } from "../lib/hash-route.js";
import { useAsync } from "../lib/use-async.js";
import { usePoolCrumbs } from "../lib/use-pool-crumbs.js";
import { useRunEvents } from "../lib/use-run-events.js";

/** Props of `RunPage`. */
export interface RunPageProps {
  readonly poolId: string;
  readonly runId: string;
  /** Poll interval while running, a fallback to events; default 5000 ms. */
  readonly pollMs?: number;
}

/** A run: live progress per table, then its report and its log. */
export function RunPage({ poolId, runId, pollMs = 5000 }: RunPageProps) {
  const api = useApi();
  const crumbs = usePoolCrumbs(poolId);
  const [run, setRun] = useState<Run>();
  const [tables, setTables] = useState<readonly TableProgress[]>([]);
  const [log, setLog] = useState<LogLine[]>([]);
  const [error, setError] = useState<unknown>();
  const loaded = run !== undefined;
  const final = loaded && isFinalStatus(run.status);

  const refresh = useCallback(async () => {
    try {
      const next = await api.getRun(runId);
      setRun(next);
      if (next.progress?.tables) setTables(next.progress.tables);
      if (isFinalStatus(next.status)) setLog(await api.runLogs(runId));
    } catch (reason) {
      setError(reason);
    }
  }, [api, runId]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  useEffect(() => {
    if (!loaded || final) return;
    const timer = setInterval(() => void refresh(), pollMs);
    return () => clearInterval(timer);
  }, [loaded, final, pollMs, refresh]);

  useRunEvents(run && !final ? api.runEventsUrl(runId) : undefined, {
    onProgress: (data) =>
      setTables((current) => progressTables(data) ?? current),
    onLog: (data) => setLog((lines) => appendLine(lines, data as LogLine)),
    onDone: () => void refresh(),
  });

  return (
    <>
      <PageTitle crumbs={crumbs}>Run {runId}</PageTitle>
      <ErrorAlert error={error} />
      {run && <RunSummary run={run} poolId={poolId} onChange={setRun} />}
      <section aria-labelledby="progress-heading">
        <h2 id="progress-heading">Progress</h2>
        <ProgressTable tables={tables} />
      </section>
      {final && run.report != null && (
        <section aria-labelledby="report-heading">
          <h2 id="report-heading">Report</h2>
          <RunReportView report={run.report} />
        </section>
      )}
      <section aria-labelledby="log-heading">
        <h2 id="log-heading">Log</h2>
        <RunLog lines={log} />
      </section>
    </>
  );
}

function RunSummary(props: {
  run: Run;
  poolId: string;
  onChange: (run: Run) => void;
}) {
  const { run, poolId, onChange } = props;
  const api = useApi();
  const [error, setError] = useState<unknown>();
  const job = useAsync(() => api.getJob(run.jobId), [api, run.jobId]);

  async function cancel() {
    try {
      onChange(await api.cancelRun(run.id));
    } catch (reason) {
      setError(reason);
    }
  }

  return (
    <div className="card run-summary">
      <dl>
        <dt>Status</dt>
        <dd data-testid="run-status" aria-live="polite">
          <StatusBadge status={run.status} />
        </dd>
        <dt>Job</dt>
        <dd>
          <a href={hrefOf(`/pools/${poolId}/jobs/${run.jobId}`)}>
            {job.data?.name ?? run.jobId}
          </a>
        </dd>
        {run.mode && (
          <>
            <dt>Mode</dt>
            <dd>{run.mode}</dd>
          </>
        )}
        <dt>Started</dt>
        <dd>{formatTime(run.startedAt)}</dd>
        <dt>Finished</dt>
        <dd>{formatTime(run.finishedAt)}</dd>
      </dl>
      {run.error && (
        <p className="alert" role="alert">
          {run.error.message}
        </p>
      )}
      <ErrorAlert error={error} />
      {!isFinalStatus(run.status) && (
        <button type="button" className="danger" onClick={cancel}>
          Cancel run
        </button>
      )}
    </div>
  );
}

/**
 * Adds a streamed line unless it is known: after a reconnect the server
 * replays the kept lines.
 */
function appendLine(lines: LogLine[], line: LogLine): LogLine[] {
  const known = line.seq !== undefined && lines.some((l) => l.seq === line.seq);
  return known ? lines : [...lines, line];
}

/** Tables from a `progress` event, whether it carries a run or progress. */
function progressTables(data: unknown): readonly TableProgress[] | undefined {
  if (!data || typeof data !== "object") return undefined;
  const value = data as {
    tables?: TableProgress[];
    progress?: { tables?: TableProgress[] };
  };
  return value.tables ?? value.progress?.tables;
}
