/** A bad argument to the simulator's data layer (options, field names). */
export class InvalidSimulatorInputError extends Error {
  /** Stable code for callers that branch on it. */
  readonly code = "SIMULATOR_INVALID_INPUT";
  /** The same input fails again. */
  readonly retryable = false;

  /** @param message what was wrong and what to pass instead. */
  constructor(message: string) {
    super(message);
    this.name = "InvalidSimulatorInputError";
  }
}
