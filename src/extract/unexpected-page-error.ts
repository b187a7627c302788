/**
 * Coupa answered a page the extractor cannot page on safely: a record
 * without an integer id, or ids that do not increase (the endpoint ignored
 * `id[gt]` or `order_by=id`). Reading on could loop or skip records, so
 * the table stops with this error.
 */
export class UnexpectedPageError extends Error {
  override readonly name = "UnexpectedPageError";
  readonly code = "UNEXPECTED_PAGE";
  readonly retryable = false;

  constructor(detail: string) {
    super(
      `Coupa returned a page the extractor cannot page on: ${detail}. ` +
        "Check that the endpoint supports order_by=id and id[gt]; if it " +
        "does, report this with the run's log.",
    );
  }
}
