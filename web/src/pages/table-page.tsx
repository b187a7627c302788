import { useState } from "react";
import { useApi } from "../api/api-context.js";
import type { TableRowsPage } from "../api/api-types.js";
import { ErrorAlert } from "../components/error-alert.js";
import { PageTitle } from "../components/page-title.js";
import { formatCount } from "../lib/format.js";
import { useAsync } from "../lib/use-async.js";
import { usePoolCrumbs } from "../lib/use-pool-crumbs.js";

/** Props of `TablePage`. */
export interface TablePageProps {
  readonly poolId: string;
  readonly table: string;
  /** Rows per page; default 50. */
  readonly pageSize?: number;
}

/** A paged preview of one table's rows. */
export function TablePage({ poolId, table, pageSize = 50 }: TablePageProps) {
  const api = useApi();
  const crumbs = usePoolCrumbs(poolId);
  const [offset, setOffset] = useState(0);
  const [hideEmpty, setHideEmpty] = useState(true);
  const page = useAsync(
    () => api.tableRows(poolId, table, { limit: pageSize, offset }),
    [api, poolId, table, pageSize, offset],
  );
  const total = page.data?.total ?? 0;
  const shown = page.data?.rows.length ?? 0;

  return (
    <>
      <PageTitle crumbs={crumbs}>Table {table}</PageTitle>
      <ErrorAlert error={page.error} />
      <nav className="pager" aria-label="Pages">
        <button
          type="button"
          disabled={offset === 0 || page.loading}
          onClick={() => setOffset(Math.max(0, offset - pageSize))}
        >
          Previous page
        </button>
        <span aria-live="polite" className="pager-status">
          {total === 0
            ? "No rows"
            : `Rows ${formatCount(offset + 1)}–${formatCount(offset + shown)} of ${formatCount(total)}`}
        </span>
        <button
          type="button"
          disabled={offset + shown >= total || page.loading}
          onClick={() => setOffset(offset + pageSize)}
        >
          Next page
        </button>
      </nav>
      <div className="checkbox">
        <input
          type="checkbox"
          id="hide-empty-columns"
          checked={hideEmpty}
          onChange={(e) => setHideEmpty(e.target.checked)}
        />
        <label htmlFor="hide-empty-columns">
          Hide columns that are empty on this page
        </label>
      </div>
      {page.data && <RowsTable page={page.data} hideEmpty={hideEmpty} />}
    </>
  );
}

function RowsTable(props: { page: TableRowsPage; hideEmpty: boolean }) {
  const { page, hideEmpty } = props;
  const all = page.columns.map((column, index) => ({
    name: typeof column === "string" ? column : column.name,
    index,
  }));
  const columns = hideEmpty
    ? all.filter((column) =>
        page.rows.some((row) => cellText(cellOf(row, column)) !== ""),
      )
    : all;
  return (
    <div className="table-scroll">
      <p className="columns-note">
        Showing {columns.length} of {all.length} columns.
      </p>
      <table className="rows-table">
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.name} scope="col">
                {column.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {page.rows.map((row, index) => (
            // Rows have no key the preview can rely on; order is stable.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            <tr key={index}>
              {columns.map((column) => (
                <td key={column.name}>{cellText(cellOf(row, column))}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Rows come as objects by column name, or as arrays in column order. */
function cellOf(
  row: TableRowsPage["rows"][number],
  column: { name: string; index: number },
): unknown {
  return Array.isArray(row)
    ? row[column.index]
    : (row as Record<string, unknown>)[column.name];
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}
