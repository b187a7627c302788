/** A mutation named an id that is not a live record. */
export class UnknownRecordError extends Error {
  /** Stable code for callers that branch on it. */
  readonly code = "SIMULATOR_UNKNOWN_RECORD";
  /** The record will not appear by retrying. */
  readonly retryable = false;

  /**
   * @param resource the resource mutated.
   * @param id the id that is not live.
   */
  constructor(
    readonly resource: string,
    readonly id: number,
  ) {
    super(
      `${resource} has no live record with id ${id} (never existed or ` +
        `deleted). Pick an id from scan("${resource}") or idRange.`,
    );
    this.name = "UnknownRecordError";
  }
}
