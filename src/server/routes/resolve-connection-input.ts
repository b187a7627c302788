import type { FieldIssue } from "../api-error.js";
import type { EngineConnection } from "../extraction-engine.js";
import { validationError } from "../http/validate-input.js";
import type { ConnectionInput } from "../schemas/connection-schemas.js";

/**
 * The complete connection config for a create, update or unsaved test:
 * the input over the stored config, with the stored secret kept when the
 * input omits it (the UI never has the secret to send back). Throws a
 * 400 naming the secret field when there is no secret at all.
 */
export function resolveConnectionInput(
  input: Partial<ConnectionInput>,
  stored?: EngineConnection,
): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...stored, ...input };
  const auth = { ...(input.auth ?? stored?.auth) } as Record<string, unknown>;
  const secretField = auth.type === "apiKey" ? "key" : "clientSecret";

  if (
    auth[secretField] === undefined &&
    stored &&
    stored.auth.type === auth.type
  ) {
    auth[secretField] = stored.auth[secretField];
  }
  const issues: FieldIssue[] = [];
  if (typeof auth[secretField] !== "string" || auth[secretField] === "") {
    issues.push({
      path: `auth.${secretField}`,
      message:
        auth.type === "apiKey"
          ? "Enter the Coupa API key."
          : "Enter the OAuth client secret.",
    });
  }
  if (issues.length > 0) throw validationError("body", issues);

  merged.auth = auth;
  return merged;
}
