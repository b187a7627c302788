/**
 * An admin operation that cannot be done as asked: bad input, a
 * duplicate, or an unknown id. `status` is the admin API's answer.
 */
export class AdminRequestError extends Error {
  override readonly name = "AdminRequestError";
  readonly retryable = false;

  constructor(
    readonly code:
      | "ADMIN_INVALID_INPUT"
      | "ADMIN_CONFLICT"
      | "ADMIN_NOT_FOUND"
      | "ADMIN_UNAUTHORIZED",
    message: string,
  ) {
    super(message);
  }

  /** HTTP status of this error on the admin API. */
  get status(): number {
    return STATUS[this.code];
  }
}

const STATUS = {
  ADMIN_INVALID_INPUT: 400,
  ADMIN_UNAUTHORIZED: 401,
  ADMIN_NOT_FOUND: 404,
  ADMIN_CONFLICT: 409,
} as const;
