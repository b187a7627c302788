/**
 * The base URL a tenant name or host will reach, for the hint under the
 * host field: `acme` means `https://acme.coupahost.com`. The server does
 * the authoritative normalization; this only shows the user what to expect.
 *
 * @example
 * hostPreview("acme"); // "https://acme.coupahost.com"
 * hostPreview("http://127.0.0.1:4010"); // "http://127.0.0.1:4010"
 */
export function hostPreview(input: string): string | undefined {
  const value = input.trim().replace(/\/+$/, "");
  if (value === "") return undefined;
  if (/^https?:\/\//i.test(value)) return value;
  if (/^[a-z0-9-]+$/i.test(value)) {
    return `https://${value.toLowerCase()}.coupahost.com`;
  }
  return `https://${value}`;
}
