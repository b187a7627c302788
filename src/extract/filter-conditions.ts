/**
 * A table's `filter` as written in the config: Coupa's query syntax as one
 * string (`"status[in]=approved,voided&supplier[name][starts_with]=A"`) or
 * a map, flat (`{ "status[in]": ["approved", "voided"] }`) or nested
 * (`{ supplier: { name: { starts_with: "A" } } }`).
 */
export type FilterInput = string | { readonly [key: string]: unknown };

/** Conditions as query pairs, plus what could not be read. */
export interface ParsedFilter {
  readonly conditions: [string, string][];
  readonly issues: string[];
}

/**
 * Turns a config filter into query pairs (`["status[in]",
 * "approved,voided"]`). Lists become Coupa's comma-separated values; dates
 * (YAML parses unquoted timestamps) become ISO 8601. Syntax problems are
 * returned as issues, not thrown, so every bad entry is reported at once.
 *
 * @example
 * parseFilterConditions("status=approved&total[gt]=100").conditions;
 * // [["status", "approved"], ["total[gt]", "100"]]
 */
export function parseFilterConditions(input: FilterInput): ParsedFilter {
  const conditions: [string, string][] = [];
  const issues: string[] = [];
  if (typeof input === "string") {
    readQueryString(input, conditions, issues);
  } else {
    readMap(input, "", conditions, issues);
  }
  return { conditions, issues };
}

function readQueryString(
  input: string,
  conditions: [string, string][],
  issues: string[],
): void {
  for (const part of input.split("&")) {
    const text = part.trim();
    if (text === "") continue;
    const equals = text.indexOf("=");
    if (equals <= 0) {
      issues.push(
        `filter condition "${text}" has no value: write ` +
          `<field>[<operator>]=<value>, e.g. status[in]=approved,voided`,
      );
      continue;
    }
    conditions.push([
      decode(text.slice(0, equals).trim()),
      decode(text.slice(equals + 1).trim()),
    ]);
  }
}

function readMap(
  map: { readonly [key: string]: unknown },
  prefix: string,
  conditions: [string, string][],
  issues: string[],
): void {
  for (const [key, value] of Object.entries(map)) {
    const path = prefix === "" ? key : `${prefix}[${key}]`;
    const text = leafText(value);
    if (text !== undefined) {
      conditions.push([path, text]);
    } else if (isPlainObject(value)) {
      readMap(value, path, conditions, issues);
    } else {
      issues.push(
        `filter "${path}" has an unusable value ${JSON.stringify(value)}: ` +
          "use a string, a number, a boolean or a list of them",
      );
    }
  }
}

function leafText(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") {
    return String(value);
  }
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) {
    const parts = value.map(leafText);
    if (parts.every((part) => part !== undefined)) return parts.join(",");
  }
  return undefined;
}

function isPlainObject(
  value: unknown,
): value is { readonly [key: string]: unknown } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
