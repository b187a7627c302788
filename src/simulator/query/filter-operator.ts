/** Coupa's query operators, written `attribute[operator]=value`. */
export const FILTER_OPERATORS = [
  "exact",
  "contains",
  "starts_with",
  "ends_with",
  "blank",
  "gt",
  "lt",
  "gt_or_eq",
  "lt_or_eq",
  "not_eq",
  "in",
  "not_in",
] as const;

/** One of `FILTER_OPERATORS`; `exact` is the bare `attribute=value`. */
export type FilterOperator = (typeof FILTER_OPERATORS)[number];

/** Operators that compare text and so make no sense on datetimes. */
export const TEXT_OPERATORS: ReadonlySet<FilterOperator> = new Set([
  "contains",
  "starts_with",
  "ends_with",
  "blank",
]);

/** True when `name` is a known operator. */
export function isFilterOperator(name: string): name is FilterOperator {
  return (FILTER_OPERATORS as readonly string[]).includes(name);
}
