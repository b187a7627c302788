import type { TableProgress } from "../api/api-types.js";
import { formatCount, formatDuration } from "../lib/format.js";
import { StatusBadge } from "./status-badge.js";

/** Props of `ProgressTable`. */
export interface ProgressTableProps {
  readonly tables: readonly TableProgress[];
}

/** Where each table of a run stands: rows, pages, partitions, time left. */
export function ProgressTable({ tables }: ProgressTableProps) {
  if (tables.length === 0) {
    return <p className="empty">Waiting for the first progress report…</p>;
  }
  return (
    <table className="progress-table">
      <thead>
        <tr>
          <th scope="col">Table</th>
          <th scope="col">Status</th>
          <th scope="col" className="num">
            Rows
          </th>
          <th scope="col" className="num">
            Pages
          </th>
          <th scope="col" className="num">
            Pages/s
          </th>
          <th scope="col">Partitions</th>
          <th scope="col" className="num">
            Time left
          </th>
        </tr>
      </thead>
      <tbody>
        {tables.map((table) => (
          <tr key={table.table} data-progress-table={table.table}>
            <th scope="row">{table.table}</th>
            <td>
              <StatusBadge status={table.status} />
            </td>
            <td className="num" data-rows={table.rows}>
              {formatCount(table.rows)}
            </td>
            <td className="num">{formatCount(table.pages)}</td>
            <td className="num">{table.pagesPerSecond.toFixed(1)}</td>
            <td>
              <progress
                max={Math.max(1, table.partitionsTotal)}
                value={table.partitionsDone}
                aria-label={`${table.table}: ${table.partitionsDone} of ${table.partitionsTotal} partitions`}
              />{" "}
              {table.partitionsDone}/{table.partitionsTotal}
            </td>
            <td className="num">
              {formatDuration(table.etaSeconds ?? undefined)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
