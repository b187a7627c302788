import { formatCount, formatDuration } from "../lib/format.js";
import { StatusBadge } from "./status-badge.js";

/** Props of `RunReportView`. */
export interface RunReportViewProps {
  /** A run's report as the server returns it. */
  readonly report: unknown;
}

interface TableReport {
  table: string;
  status: string;
  mode?: string | null;
  rowsInserted?: number;
  rowsUpdated?: number;
  rowsDeleted?: number;
  requests?: number;
  retries?: number;
  throttled?: number;
  durationMs?: number;
  error?: { code: string; message: string };
}

interface Report {
  tables?: TableReport[];
  totals?: { rows?: number; requests?: number; retries?: number };
  durationMs?: number;
}

/**
 * The outcome of a run per table: rows written, requests, retries and
 * errors with their message. Unknown shapes are shown as JSON.
 */
export function RunReportView({ report }: RunReportViewProps) {
  const value = report as Report;
  if (!Array.isArray(value?.tables)) {
    return <pre className="json">{JSON.stringify(report, null, 2)}</pre>;
  }
  return (
    <>
      {value.totals && (
        <p className="totals">
          {formatCount(value.totals.rows)} rows,{" "}
          {formatCount(value.totals.requests)} requests,{" "}
          {formatCount(value.totals.retries)} retries in{" "}
          {formatDuration((value.durationMs ?? 0) / 1000)}.
        </p>
      )}
      <table className="report-table">
        <thead>
          <tr>
            <th scope="col">Table</th>
            <th scope="col">Status</th>
            <th scope="col">Mode</th>
            <th scope="col" className="num">
              Inserted
            </th>
            <th scope="col" className="num">
              Updated
            </th>
            <th scope="col" className="num">
              Deleted
            </th>
            <th scope="col" className="num">
              Requests
            </th>
            <th scope="col" className="num">
              Retries
            </th>
            <th scope="col" className="num">
              Duration
            </th>
          </tr>
        </thead>
        <tbody>
          {value.tables.map((table) => (
            <ReportRow key={table.table} table={table} />
          ))}
        </tbody>
      </table>
    </>
  );
}

function ReportRow({ table }: { table: TableReport }) {
  return (
    <>
      <tr data-report-table={table.table}>
        <th scope="row">{table.table}</th>
        <td>
          <StatusBadge status={table.status} />
        </td>
        <td>{table.mode ?? "–"}</td>
        <td className="num">{formatCount(table.rowsInserted)}</td>
        <td className="num">{formatCount(table.rowsUpdated)}</td>
        <td className="num">{formatCount(table.rowsDeleted)}</td>
        <td className="num">{formatCount(table.requests)}</td>
        <td className="num">{formatCount(table.retries)}</td>
        <td className="num">
          {formatDuration((table.durationMs ?? 0) / 1000)}
        </td>
      </tr>
      {table.error && (
        <tr className="report-error">
          <td colSpan={9}>
            <strong>{table.error.code}:</strong> {table.error.message}
          </td>
        </tr>
      )}
    </>
  );
}
