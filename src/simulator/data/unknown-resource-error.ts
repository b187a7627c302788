/** A resource name the simulator does not serve. */
export class UnknownResourceError extends Error {
  /** Stable code for callers that branch on it. */
  readonly code = "SIMULATOR_UNKNOWN_RESOURCE";
  /** Asking again with the same name fails again. */
  readonly retryable = false;

  /**
   * @param resource the name asked for.
   * @param known the names served.
   */
  constructor(
    readonly resource: string,
    known: readonly string[],
  ) {
    super(
      `The simulator has no resource "${resource}". ` +
        `Use one of: ${known.join(", ")}.`,
    );
    this.name = "UnknownResourceError";
  }
}
