/** Options given to `startSimulator` that cannot be used as they are. */
export class SimulatorOptionsError extends Error {
  override readonly name = "SimulatorOptionsError";
  readonly code = "SIMULATOR_OPTIONS_INVALID";
  readonly retryable = false;
}
