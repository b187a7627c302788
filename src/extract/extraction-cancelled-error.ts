/**
 * The run was cancelled (SIGINT, `cancel()`, or the caller's signal).
 * Committed pages and their checkpoints are kept: the next run resumes.
 */
export class ExtractionCancelledError extends Error {
  override readonly name = "ExtractionCancelledError";
  readonly code = "CANCELLED";
  readonly retryable = true;

  constructor() {
    super(
      "The extraction was cancelled; committed pages are kept and the " +
        "next run resumes from the checkpoints.",
    );
  }
}
