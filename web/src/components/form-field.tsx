import type { ReactNode } from "react";

/** Props of `FormField`. */
export interface FormFieldProps {
  /** Id of the control; the label, hint and error hang off it. */
  readonly id: string;
  readonly label: ReactNode;
  /** Help shown under the label; default none. */
  readonly hint?: ReactNode;
  /** Error from the server for this field; default none. */
  readonly error?: string | undefined;
  /** The control: an input, select or textarea with `id` set. */
  readonly children: ReactNode;
}

/**
 * A labelled control with its hint and its error. The control must carry
 * `aria-describedby={describedBy(id, hint, error)}` so screen readers read
 * both; `fieldProps` builds that.
 */
export function FormField({
  id,
  label,
  hint,
  error,
  children,
}: FormFieldProps) {
  return (
    <div className={error ? "field field-invalid" : "field"}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <div className="hint" id={`${id}-hint`}>
          {hint}
        </div>
      )}
      {children}
      {error && (
        <div className="field-error" id={`${id}-error`}>
          {error}
        </div>
      )}
    </div>
  );
}

/**
 * Accessibility attributes for a control inside `FormField`.
 *
 * @example
 * <input {...fieldProps("pool-name", { error })} />
 */
export function fieldProps(
  id: string,
  options: { hint?: boolean; error?: string | undefined },
): {
  id: string;
  "aria-describedby"?: string;
  "aria-invalid"?: boolean;
} {
  const ids = [
    options.hint ? `${id}-hint` : undefined,
    options.error ? `${id}-error` : undefined,
  ].filter(Boolean);
  return {
    id,
    ...(ids.length > 0 ? { "aria-describedby": ids.join(" ") } : {}),
    ...(options.error ? { "aria-invalid": true } : {}),
  };
}
