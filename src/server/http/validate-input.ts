import type { z } from "zod";
import { ApiError, type FieldIssue } from "../api-error.js";

/**
 * Parses a request part with a zod schema. On failure throws a 400
 * `VALIDATION` ApiError listing every field at fault with its dotted path
 * (`auth.clientSecret`), and a message that names them all.
 *
 * @example
 * const body = validateInput(poolCreateSchema, request.body, "body");
 */
export function validateInput<T extends z.ZodType>(
  schema: T,
  value: unknown,
  part: "body" | "query" | "path",
): z.output<T> {
  // The input on issues tells a missing field from one of the wrong type;
  // only paths and messages leave this function, never the input.
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  const fields = result.error.issues.map(toFieldIssue);
  throw validationError(part, fields);
}

/** A 400 `VALIDATION` error naming every field at fault. */
export function validationError(
  part: string,
  fields: readonly FieldIssue[],
): ApiError {
  const listed = fields
    .map((field) => `${field.path || "(root)"}: ${field.message}`)
    .join("; ");
  return new ApiError(400, "VALIDATION", `Invalid request ${part}: ${listed}`, {
    fields,
    field: fields.length === 1 ? fields[0]?.path : undefined,
  });
}

function toFieldIssue(issue: z.core.$ZodIssue): FieldIssue {
  const path = issue.path.map(String).join(".");
  if (issue.code === "unrecognized_keys") {
    const keys = issue.keys.join(", ");
    const prefix = path ? `${path}.` : "";
    return {
      path: `${prefix}${issue.keys[0] ?? ""}`,
      message: `Unknown field(s): ${keys}. Remove them; see GET /api/openapi.json for the accepted fields.`,
    };
  }
  if (issue.code === "invalid_type" && issue.input === undefined) {
    return { path, message: "Required." };
  }
  return { path, message: issue.message };
}
