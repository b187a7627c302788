import {
  CoupaError,
  type RequestContext,
  requestLine,
  statusLine,
} from "./coupa-error.js";

/**
 * Any other answer Coupa gave that the client cannot use: an unexpected
 * status, or a success whose body is not the JSON expected.
 */
export class CoupaApiError extends CoupaError {
  readonly code = "COUPA_API_ERROR";
  readonly retryable: boolean;

  /**
   * @param hint What to do, appended to the message.
   * @param retryable Default: true for 5xx statuses.
   */
  constructor(context: RequestContext, hint?: string, retryable?: boolean) {
    const excerpt = context.bodyExcerpt ? `: ${context.bodyExcerpt}` : "";
    const what = context.status ? statusLine(context.status) : "an error";
    super(
      `Coupa answered ${what} for ${requestLine(context)}${excerpt}` +
        (hint ? `. ${hint}` : ""),
      context,
    );
    this.retryable = retryable ?? (context.status ?? 500) >= 500;
  }
}
