import type { ScanOptions } from "../data/simulator-data.js";
import type { FilterCondition } from "./filter-condition.js";

type MutableHints = { -readonly [K in keyof ScanOptions]: ScanOptions[K] };

/**
 * Scan hints implied by top-level id and updated-at conditions, so the
 * data layer skips records it would otherwise generate and discard. The
 * hints only ever widen the conditions: matching still checks them all.
 */
export function scanHints(
  conditions: readonly FilterCondition[],
  updatedAtField: string | null,
): ScanOptions {
  const hints: MutableHints = {};
  for (const condition of conditions) {
    const [step, ...deeper] = condition.steps;
    if (!step || deeper.length > 0 || condition.values.length !== 1) continue;
    const value = condition.values[0];
    if (typeof value !== "number") continue;
    if (step.key === "id") idHint(hints, condition.operator, value);
    if (step.key === updatedAtField) {
      timeHint(hints, condition.operator, value);
    }
  }
  return hints;
}

function idHint(hints: MutableHints, operator: string, id: number): void {
  const after = (n: number) => {
    hints.afterId = Math.max(hints.afterId ?? -Infinity, n);
  };
  const before = (n: number) => {
    hints.beforeId = Math.min(hints.beforeId ?? Infinity, n);
  };
  if (operator === "gt") after(id);
  if (operator === "gt_or_eq") after(id - 1);
  if (operator === "lt") before(id);
  if (operator === "lt_or_eq") before(id + 1);
  if (operator === "exact") {
    after(id - 1);
    before(id + 1);
  }
}

function timeHint(hints: MutableHints, operator: string, ms: number): void {
  const from = (n: number) => {
    hints.updatedFrom = Math.max(hints.updatedFrom ?? -Infinity, n);
  };
  const before = (n: number) => {
    hints.updatedBefore = Math.min(hints.updatedBefore ?? Infinity, n);
  };
  if (operator === "gt" || operator === "gt_or_eq") from(ms);
  if (operator === "lt") before(ms);
  if (operator === "lt_or_eq") before(ms + 1);
  if (operator === "exact") {
    from(ms);
    before(ms + 1);
  }
}
