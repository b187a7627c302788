/**
 * A value with every occurrence of the secret replaced: reports and
 * errors come from other modules, and a message quoting a request could
 * carry the secret. Secrets shorter than four characters are left alone:
 * replacing them would mangle ordinary text.
 *
 * @example
 * scrubSecret({ msg: "bad s3cret!" }, "s3cret!"); // { msg: "bad [redacted]" }
 */
export function scrubSecret<T>(value: T, secret: string | undefined): T {
  if (value === undefined || !secret || secret.length < 4) return value;
  const text = JSON.stringify(value);
  if (!text.includes(secret)) return value;
  return JSON.parse(text.split(secret).join("[redacted]")) as T;
}
