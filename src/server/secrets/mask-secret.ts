/**
 * How a secret is shown anywhere outside the server: `••••` plus its last
 * four characters, enough to tell two secrets apart and no more. Secrets
 * of eight characters or fewer show no characters at all.
 *
 * @example
 * maskSecret("abcdefgh1234"); // "••••1234"
 */
export function maskSecret(secret: string): string {
  return secret.length > 8 ? `••••${secret.slice(-4)}` : "••••";
}
