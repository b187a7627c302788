import { REFERENCE_TABLES } from "./reference-tables.js";
import { WORD_LISTS } from "./word-lists.js";

/*
 * Natural keys of the reference data, as functions of the id. They never
 * change, which is what lets documents embed them without going stale.
 */

/** Row of payment term `id`: [code, description, net days, discount %]. */
export function paymentTermRow(id: number) {
  const { paymentTerms } = REFERENCE_TABLES;
  return paymentTerms[(id - 1) % paymentTerms.length] ?? paymentTerms[0];
}

/** Code (`6100-110`) and name of GL account `id` (4 per department). */
export function accountNames(id: number): { code: string; name: string } {
  const natural = REFERENCE_TABLES.naturalAccounts[(id - 1) % 4] ?? ["", ""];
  const department = Math.floor((id - 1) / 4);
  return {
    code: `${natural[0]}-${100 + department * 10}`,
    name: `${natural[1]} - ${departmentName(department + 1)}`,
  };
}

/** Name of department `id`. */
export function departmentName(id: number): string {
  const { departments } = REFERENCE_TABLES;
  return departments[(id - 1) % departments.length] ?? "General";
}

/** Name of commodity `id`: 1..6 are categories, the rest their children. */
export function commodityName(id: number): string {
  const { commodityCategories } = REFERENCE_TABLES;
  if (id <= commodityCategories.length) {
    return commodityCategories[id - 1]?.[0] ?? "Other";
  }
  const child = id - commodityCategories.length - 1;
  const category = commodityCategories[Math.floor(child / 5)];
  return `${category?.[0] ?? "Other"} - ${category?.[1][child % 5] ?? ""}`;
}

/** Name of company address `id`, e.g. `Chicago Office`. */
export function addressName(id: number): string {
  const { cities } = WORD_LISTS;
  return `${cities[(id - 1) % cities.length]?.[0] ?? "Main"} Office`;
}
