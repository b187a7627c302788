import { ApiError } from "../api/api-error.js";

/** Field errors of an API error by dotted path; empty for anything else. */
export function fieldErrorsOf(
  error: unknown,
): Readonly<Record<string, string>> {
  return error instanceof ApiError ? error.fieldErrors : {};
}

/**
 * The error for a field, including errors on its parts: `auth.scopes`
 * also shows the error of `auth.scopes.2`.
 */
export function errorAt(
  errors: Readonly<Record<string, string>>,
  path: string,
): string | undefined {
  if (errors[path]) return errors[path];
  const prefix = `${path}.`;
  const nested = Object.keys(errors).find((key) => key.startsWith(prefix));
  return nested === undefined ? undefined : errors[nested];
}

/** True when `path` is shown by one of the `shown` fields. */
export function isShownField(shown: readonly string[], path: string): boolean {
  return shown.some((field) => path === field || path.startsWith(`${field}.`));
}
