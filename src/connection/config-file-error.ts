/**
 * A config file that cannot be read: missing, unparsable, or referring to
 * an environment variable that is not set.
 */
export class ConfigFileError extends Error {
  override readonly name = "ConfigFileError";
  /** Stable code for callers and logs. */
  readonly code = "CONFIG_FILE_INVALID";
  /** The file or the environment has to change first. */
  readonly retryable = false;

  constructor(
    /** The file concerned. */
    readonly path: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
