import { ApiError } from "../api/api-error.js";
import { isShownField } from "../lib/field-errors-of.js";

/** Props of `ErrorAlert`. */
export interface ErrorAlertProps {
  /** The error to show; nothing is rendered when undefined. */
  readonly error: unknown;
  /**
   * Field paths shown next to their inputs, left out of the alert.
   * Default none: every field error is listed here.
   */
  readonly shownFields?: readonly string[];
}

/**
 * An error that belongs to no single field, announced to screen readers
 * (`role="alert"`). Field errors without a visible field are listed too,
 * so no message from the server is lost.
 */
export function ErrorAlert({ error, shownFields = [] }: ErrorAlertProps) {
  if (error === undefined || error === null) return null;
  const fieldErrors = error instanceof ApiError ? error.fieldErrors : {};
  const orphans = Object.entries(fieldErrors).filter(
    ([path]) => !isShownField(shownFields, path),
  );
  const allShown = Object.keys(fieldErrors).length > 0 && orphans.length === 0;
  // The field messages are next to their inputs; repeating them here
  // would make screen readers read everything twice.
  const message = allShown
    ? "Some fields need your attention: see the messages next to them."
    : error instanceof Error
      ? error.message
      : String(error);
  return (
    <div className="alert" role="alert">
      <p>{message}</p>
      {orphans.length > 0 && (
        <ul>
          {orphans.map(([path, text]) => (
            <li key={path}>
              <code>{path}</code>: {text}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
