import { CoupaError, type RequestContext, requestLine } from "./coupa-error.js";

/** The TLS handshake failed or the certificate was not trusted. */
export class TlsError extends CoupaError {
  readonly code = "TLS_FAILED";
  /** Certificates do not change between attempts. */
  readonly retryable = false;

  constructor(
    context: RequestContext,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(
      `The TLS connection failed for ${requestLine(context)}: ${detail}. ` +
        "Check that host is your Coupa instance, and if a proxy inspects " +
        "TLS, give Node its CA with NODE_EXTRA_CA_CERTS.",
      context,
      options,
    );
  }
}
