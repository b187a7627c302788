/** One field at fault in a request, as `{ path, message }`. */
export interface FieldIssue {
  /** Dotted path into the body or query, e.g. `auth.clientSecret`. */
  readonly path: string;
  readonly message: string;
}

/** Options of an `ApiError` beyond status, code and message. */
export interface ApiErrorOptions {
  /** The one field at fault, when there is one. */
  readonly field?: string;
  /** Every field at fault (validation errors). */
  readonly fields?: readonly FieldIssue[];
  /** True when the same request may succeed later. Default false. */
  readonly retryable?: boolean;
  readonly cause?: unknown;
}

/**
 * An error the REST API answers with. It renders itself as
 * `{ error: { code, message, field?, fields? } }` with its HTTP status, so
 * every route fails the same way.
 *
 * @example
 * throw new ApiError(404, "NOT_FOUND", 'No data pool "p1". List pools with GET /api/pools.');
 */
export class ApiError extends Error {
  override readonly name = "ApiError";
  readonly field?: string;
  readonly fields?: readonly FieldIssue[];
  readonly retryable: boolean;

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    options: ApiErrorOptions = {},
  ) {
    super(message, { cause: options.cause });
    this.field = options.field;
    this.fields = options.fields;
    this.retryable = options.retryable ?? false;
  }

  /** The JSON body of the error response. */
  toBody(): { error: Record<string, unknown> } {
    const error: Record<string, unknown> = {
      code: this.code,
      message: this.message,
    };
    if (this.field !== undefined) error.field = this.field;
    if (this.fields !== undefined) error.fields = this.fields;
    return { error };
  }
}

/**
 * A 404 for an unknown id, naming the kind, the id and where to list the
 * existing ones.
 */
export function notFound(kind: string, id: string, listHint: string) {
  return new ApiError(
    404,
    "NOT_FOUND",
    `No ${kind} with id "${id}". ${listHint}`,
  );
}
