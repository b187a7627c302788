/** An agent allowlist entry that is neither a host name nor an origin. */
export class AllowlistEntryError extends Error {
  override readonly name = "AllowlistEntryError";
  readonly code = "AGENT_ALLOWLIST_INVALID";
  readonly retryable = false;

  constructor(readonly entry: string) {
    super(
      `Agent allowlist entry "${entry}" is not a host name or an origin. ` +
        "Use a host name (acme.coupahost.com), a wildcard " +
        "(*.coupahost.com) or an origin (https://acme.coupahost.com).",
    );
  }
}
