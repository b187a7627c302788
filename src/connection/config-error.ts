/** One invalid field of a config. */
export interface ConfigIssue {
  /** Dotted path, e.g. `connection.auth.clientSecret`. */
  readonly path: string;
  /** The value as given, secrets masked; `(missing)` when absent. */
  readonly value: string;
  /** What is wrong and what is allowed. */
  readonly message: string;
}

/**
 * A config that cannot be used. Carries every invalid field at once, so a
 * user fixes the file in one pass instead of one error per run.
 *
 * @example
 * try { parseConnectionConfig(input); }
 * catch (error) {
 *   if (error instanceof ConfigError) for (const i of error.issues) ...
 * }
 */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
  /** Stable code for callers and logs. */
  readonly code = "CONFIG_INVALID";
  /** The config has to change: retrying never helps. */
  readonly retryable = false;

  constructor(
    readonly issues: readonly ConfigIssue[],
    /** What was validated, for the first line of the message. */
    subject = "The connection config",
  ) {
    super(describe(subject, issues));
  }
}

function describe(subject: string, issues: readonly ConfigIssue[]): string {
  const count =
    issues.length === 1
      ? "1 problem; fix it"
      : `${issues.length} problems; fix them`;
  const lines = issues.map(
    (issue) => `  - ${issue.path}: ${issue.value}: ${issue.message}`,
  );
  return `${subject} has ${count} and retry:\n${lines.join("\n")}`;
}
