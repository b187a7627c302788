import type { ErrorBody } from "./api-types.js";

/**
 * An error answer from the server, or no answer at all. `fieldErrors` maps
 * dotted field paths (`auth.clientId`) to messages, so forms can show each
 * one next to its input.
 */
export class ApiError extends Error {
  override readonly name = "ApiError";
  /** Stable code from the server, or `network` when nothing came back. */
  readonly code: string;
  /** HTTP status; 0 when the request did not reach the server. */
  readonly status: number;
  /** Retrying can help: network failures, 429 and 5xx answers. */
  readonly retryable: boolean;
  readonly fieldErrors: Readonly<Record<string, string>>;

  constructor(status: number, body: ErrorBody["error"]) {
    super(body.message);
    this.code = body.code;
    this.status = status;
    this.retryable = status === 0 || status === 429 || status >= 500;
    this.fieldErrors = collectFieldErrors(body);
  }
}

function collectFieldErrors(body: ErrorBody["error"]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const problem of body.fields ?? []) {
    const path = normalizePath(problem.path);
    errors[path] ??= problem.message;
  }
  if (body.field && Object.keys(errors).length === 0) {
    errors[normalizePath(body.field)] = body.message;
  }
  return errors;
}

/**
 * Servers spell paths as arrays, dotted strings or JSON pointers, and may
 * prefix `body`; the UI keys fields by the plain dotted form.
 */
function normalizePath(path: string | readonly (string | number)[]): string {
  const parts = typeof path === "string" ? path.split(/[./]/) : path;
  const names = parts.map(String).filter((part) => part !== "");
  if (names[0] === "body") names.shift();
  return names.join(".");
}
