import type { z } from "zod";
import { AdminRequestError } from "./admin-request-error.js";

/**
 * Validates an admin input with its schema.
 *
 * @throws AdminRequestError listing every bad field with what it takes
 */
export function parseAdminInput<T extends z.ZodType>(
  schema: T,
  input: unknown,
  what: string,
): z.output<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map(
    (issue) => `${issue.path.join(".") || "body"}: ${issue.message}`,
  );
  throw new AdminRequestError(
    "ADMIN_INVALID_INPUT",
    `Invalid ${what}: ${problems.join("; ")}.`,
  );
}
