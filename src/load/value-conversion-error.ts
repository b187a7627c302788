/**
 * A value that does not fit its pool column (text in a BIGINT column, a
 * decimal with more integer digits than the column holds). The page's
 * transaction is rolled back.
 */
export class ValueConversionError extends Error {
  override readonly name = "ValueConversionError";
  /** Stable code for callers and the API. */
  readonly code = "VALUE_CONVERSION";
  /** The same page carries the same value. */
  readonly retryable = false;

  constructor(
    readonly table: string,
    readonly column: string,
    readonly columnType: string,
    readonly value: unknown,
  ) {
    super(
      `Value ${preview(value)} does not fit ${table}.${column} ` +
        `(${columnType}); the page was not written. If Coupa now sends ` +
        "such values, set `drift: evolve` and widen the column with " +
        `ALTER TABLE "${table}" ALTER COLUMN "${column}" TYPE VARCHAR.`,
    );
  }
}

function preview(value: unknown): string {
  const text =
    typeof value === "string" ? JSON.stringify(value) : String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
