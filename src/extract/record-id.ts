import { UnexpectedPageError } from "./unexpected-page-error.js";

/**
 * The integer id of a Coupa record, or an `UnexpectedPageError` naming the
 * endpoint: keyset paging cannot go on without it.
 */
export function recordId(
  record: Record<string, unknown>,
  path: string,
): number {
  const id = record.id;
  const value = typeof id === "string" ? Number(id) : id;
  if (typeof value !== "number" || !Number.isSafeInteger(value)) {
    throw new UnexpectedPageError(
      `a record from ${path} has no integer id (got ${JSON.stringify(id)})`,
    );
  }
  return value;
}
