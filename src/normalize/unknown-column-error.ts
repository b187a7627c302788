/**
 * A selected or pseudonymized column that the catalog does not know for
 * the table's resource. Terminal: the table settings must change.
 */
export class UnknownColumnError extends Error {
  override readonly name = "UnknownColumnError";
  /** Stable code for callers and the API. */
  readonly code = "UNKNOWN_COLUMN";
  /** Retrying cannot help: the settings name a column that does not exist. */
  readonly retryable = false;

  constructor(
    /** The name as given in the settings. */
    readonly column: string,
    /** Where it was named: `columns` or `pseudonymize`. */
    readonly setting: "columns" | "pseudonymize",
    /** Resource or definition the name was looked up in. */
    readonly scope: string,
    /** Close matches among the known names, best first. */
    readonly suggestions: readonly string[],
  ) {
    const hint =
      suggestions.length > 0
        ? ` Did you mean ${suggestions.map((s) => `"${s}"`).join(", ")}?`
        : "";
    super(
      `Unknown column "${column}" in ${setting} of ${scope}: the catalog ` +
        `has no such field.${hint} Fix the name in the table's ${setting} ` +
        "setting or remove it.",
    );
  }
}
