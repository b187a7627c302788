/**
 * A Coupa host that cannot be turned into an origin. The message shows the
 * value and the forms that are accepted.
 */
export class HostFormatError extends Error {
  override readonly name = "HostFormatError";
  /** Stable code for callers and logs. */
  readonly code = "HOST_INVALID";
  /** Fixing the value is the only way out: retrying never helps. */
  readonly retryable = false;

  constructor(
    /** The value as given; may hold credentials, so never print it. */
    readonly input: string,
    /** Why it was refused, e.g. `query strings are not allowed`. */
    readonly reason: string,
  ) {
    super(
      `Host ${JSON.stringify(hideCredentials(input))} is not accepted: ` +
        `${reason}. ${ACCEPTED_HOST_FORMS}`,
    );
  }
}

// A URL with `user:password@` carries a secret the message must not echo.
function hideCredentials(input: string): string {
  return input.replace(/^([^/]*\/\/)?[^/]*@/, "$1••••@");
}

/** The sentence every host error ends with. */
export const ACCEPTED_HOST_FORMS =
  "Use a tenant name (acme), a host name (acme.coupahost.com) or an " +
  "https:// origin (https://acme.coupahost.com), optionally followed by " +
  "/api; http:// is accepted only for loopback addresses or with " +
  "allowInsecureHttp.";
