import { CoupaError, type RequestContext, requestLine } from "./coupa-error.js";

/** The Coupa host name does not resolve. */
export class HostNotFoundError extends CoupaError {
  readonly code = "HOST_NOT_FOUND";
  /** A wrong host name stays wrong; the config has to change. */
  readonly retryable = false;

  constructor(context: RequestContext, options?: { cause?: unknown }) {
    const host = new URL(context.url).hostname;
    super(
      `The host ${host} does not resolve (DNS) for ` +
        `${requestLine(context)}. Check host in the connection config: a ` +
        "tenant name like acme means acme.coupahost.com; test and partner " +
        "instances have their own host names.",
      context,
      options,
    );
  }
}
