import { useState } from "react";
import { useApi } from "../api/api-context.js";
import type { TableRowsPage } from "../api/api-types.js";
import { ErrorAlert } from "../components/error-alert.js";
import { PageTitle } from "../components/page-title.js";
import { formatCount } from "../lib/format.js";
import { hrefOf } from "../lib/hash-route.js";
import { useAsync } from "../lib/use-async.js";

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
  const [offset, setOffset] = useState(0);
  const page = useAsync(
    () => api.tableRows(poolId, table, { limit: pageSize, offset }),
    [api, poolId, table, pageSize, offset],
  );
  const total = page.data?.total ?? 0;
  const shown = page.data?.rows.length ?? 0;

  return (
    <>
      <PageTitle
        crumbs={[
          { href: hrefOf("/"), label: "Data pools" },
          { href: hrefOf(`/pools/${poolId}`), label: "Data pool" },
        ]}
      >
        Table {table}
      </PageTitle>
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
      {page.data && <RowsTable page={page.data} />}
    </>
  );
}

function RowsTable({ page }: { page: TableRowsPage }) {
  const columns = page.columns.map((column) =>
    typeof column === "string" ? column : column.name,
  );
  return (
    <div className="table-scroll">
      <table className="rows-table">
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {page.rows.map((row, index) => (
            // Rows have no key the preview can rely on; order is stable.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            <tr key={index}>
              {columns.map((column, at) => (
                <td key={column}>{cellText(cellOf(row, column, at))}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function cellOf(
  row: TableRowsPage["rows"][number],
  column: string,
  index: number,
): unknown {
  return Array.isArray(row)
    ? row[index]
    : (row as Record<string, unknown>)[column];
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}
