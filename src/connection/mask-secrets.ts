/** Keys whose values are secrets wherever they appear in a config. */
export const SECRET_KEYS: ReadonlySet<string> = new Set([
  "clientSecret",
  "key",
  "apiKey",
  "secret",
  "password",
  "token",
  "accessToken",
]);

/**
 * A secret as it may be shown: `••••` plus its last four characters, so a
 * user can tell which secret is configured. Secrets shorter than 12
 * characters show no characters at all: four would give away too much.
 *
 * @example
 * maskSecret("s3cr3t-v4lue-9f2c"); // "••••9f2c"
 */
export function maskSecret(value: unknown): string {
  if (typeof value !== "string" || value.length < 12) return "••••";
  return `••••${value.slice(-4)}`;
}

/**
 * A deep copy of a config with every secret masked (see `SECRET_KEYS`),
 * for printing and API responses.
 *
 * @example
 * maskSecrets(config).auth.clientSecret; // "••••9f2c"
 */
export function maskSecrets<T>(config: T): T {
  return maskValue(config, undefined) as T;
}

function maskValue(value: unknown, key: string | undefined): unknown {
  if (key !== undefined && SECRET_KEYS.has(key) && value !== undefined) {
    return maskSecret(value);
  }
  if (Array.isArray(value)) return value.map((item) => maskValue(item, key));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, maskValue(v, k)]),
    );
  }
  return value;
}
