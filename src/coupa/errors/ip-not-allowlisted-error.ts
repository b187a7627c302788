import { CoupaError, type RequestContext, requestLine } from "./coupa-error.js";

/**
 * Coupa answered its HTML "access denied" page: the tenant accepts API
 * calls only from allowlisted addresses and ours is not one of them.
 */
export class IpNotAllowlistedError extends CoupaError {
  readonly code = "IP_NOT_ALLOWLISTED";
  /** Someone has to change the allowlist (or our source address). */
  readonly retryable = false;

  constructor(
    context: RequestContext,
    /** The bound source address, when the connection sets one. */
    readonly sourceAddress: string | undefined,
    /** The egress addresses of the configured cluster, if any. */
    readonly egressAddresses: readonly string[],
  ) {
    super(describe(context, sourceAddress, egressAddresses), context);
  }
}

function describe(
  context: RequestContext,
  sourceAddress: string | undefined,
  egress: readonly string[],
): string {
  const from = sourceAddress
    ? `source address ${sourceAddress}`
    : "this machine's address (no sourceAddress configured)";
  const allowlist = [sourceAddress, ...egress].filter(Boolean).join(", ");
  const ask = allowlist
    ? `Ask the Coupa administrator to allowlist ${allowlist}`
    : "Ask the Coupa administrator to allowlist this machine's public " +
      "address, or set cluster/sourceAddress in the connection";
  return (
    `Coupa denied access for ${requestLine(context)} ` +
    `(${context.status} access denied page): requests from ${from} are ` +
    `not allowlisted. ${ask} (see \`coupa-extractor allowlist\`).`
  );
}
