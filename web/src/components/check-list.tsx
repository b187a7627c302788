import type { ConnectionTestResult } from "../api/api-types.js";
import { StatusBadge } from "./status-badge.js";

/** Props of `CheckList`. */
export interface CheckListProps {
  readonly result: ConnectionTestResult;
}

/** The steps of a connection test, each with its outcome and its fix. */
export function CheckList({ result }: CheckListProps) {
  const failed = result.checks.filter((check) => check.status === "fail");
  return (
    <div className="check-results">
      <p className={result.ok ? "summary ok" : "summary failed"}>
        {result.ok
          ? "Connection works: every check passed."
          : `${failed.length} of ${result.checks.length} checks failed.`}
      </p>
      <ol className="checks">
        {result.checks.map((check) => (
          <li key={check.name} className={`check check-${check.status}`}>
            <StatusBadge status={check.status} />{" "}
            <strong className="check-name">{check.name}</strong>
            <div className="check-detail">{check.detail}</div>
            {check.fix && (
              <div className="check-fix">
                <strong>Fix:</strong> {check.fix}
              </div>
            )}
          </li>
        ))}
      </ol>
    </div>
  );
}
