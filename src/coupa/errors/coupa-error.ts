import { STATUS_CODES } from "node:http";

/** The request an error is about, secrets already removed. */
export interface RequestContext {
  readonly method: string;
  /** Absolute URL without credentials. */
  readonly url: string;
  /** HTTP status, when Coupa answered. */
  readonly status?: number;
  /** The start of the response body, whitespace collapsed. */
  readonly bodyExcerpt?: string;
}

/**
 * Base of every error the Coupa client throws: a stable `code`, whether
 * trying again later can help, and the request and response it is about.
 * Subclasses write messages that end with what to do.
 */
export abstract class CoupaError extends Error {
  /** Stable identifier for callers, logs and the API. */
  abstract readonly code: string;
  /** True when the same request may succeed later without a change. */
  abstract readonly retryable: boolean;
  readonly method: string;
  readonly url: string;
  readonly status: number | undefined;
  readonly bodyExcerpt: string | undefined;

  constructor(
    message: string,
    context: RequestContext,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
    this.method = context.method;
    this.url = context.url;
    this.status = context.status;
    this.bodyExcerpt = context.bodyExcerpt;
  }
}

/** `500 Internal Server Error`, for messages. */
export function statusLine(status: number): string {
  const text = STATUS_CODES[status];
  return text ? `${status} ${text}` : String(status);
}

/** `GET https://…/api/invoices?…`, for messages. */
export function requestLine(context: RequestContext): string {
  return `${context.method} ${context.url}`;
}

/** The first `max` characters of a body, on one line. */
export function bodyExcerpt(body: Buffer | string, max = 300): string {
  // Only the head is read: the client builds an excerpt for every answer,
  // and converting whole pages of hundreds of KB cost a CPU-second per
  // 20,000 invoices. Four bytes a character covers any UTF-8 text.
  const head =
    typeof body === "string"
      ? body.slice(0, max * 4)
      : body.subarray(0, max * 4);
  const text = head.toString().replace(/\s+/g, " ").trim();
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
