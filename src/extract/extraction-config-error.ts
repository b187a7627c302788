/**
 * The extraction config is unusable: unknown table, column, filter field
 * or operator, a bad duration, a bad connection setting. Carries every
 * problem found, each naming the value and the fix, so a user fixes the
 * file in one go. Thrown before any request is sent.
 */
export class ExtractionConfigError extends Error {
  override readonly name = "ExtractionConfigError";
  readonly code = "EXTRACTION_CONFIG_INVALID";
  readonly retryable = false;

  constructor(
    readonly issues: readonly string[],
    source = "the extraction config",
  ) {
    super(
      `${source} has ${issues.length} problem${issues.length === 1 ? "" : "s"}:\n` +
        issues.map((issue) => `  - ${issue}`).join("\n"),
    );
  }
}
