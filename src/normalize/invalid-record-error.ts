/**
 * A record Coupa sent that cannot become a row: it has no usable primary
 * key. Terminal for the page; the message names the record's position.
 */
export class InvalidRecordError extends Error {
  override readonly name = "InvalidRecordError";
  /** Stable code for callers and the API. */
  readonly code = "INVALID_RECORD";
  /** The same page would fail the same way. */
  readonly retryable = false;

  constructor(
    readonly resource: string,
    readonly position: number,
    readonly id: unknown,
  ) {
    super(
      `Record ${position} of a ${resource} page has id ${JSON.stringify(id) ?? "undefined"}, ` +
        "not a positive integer, so it cannot be stored. Check the response " +
        "of the list endpoint; a fields= selection must include id.",
    );
  }
}
