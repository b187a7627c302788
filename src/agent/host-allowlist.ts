import { AllowlistEntryError } from "./allowlist-entry-error.js";

type Rule =
  | { readonly kind: "origin"; readonly value: string }
  | { readonly kind: "host"; readonly value: string }
  | { readonly kind: "suffix"; readonly value: string };

/**
 * The hosts an agent may call, configured on the agent's machine so the
 * service cannot make it reach anything else in the customer's network.
 *
 * Entries: a host name (`acme.coupahost.com`, any scheme and port), a
 * host and port (`127.0.0.1:8443`), a wildcard (`*.coupahost.com`, any
 * subdomain) or an origin (`https://acme.coupahost.com`, exactly).
 *
 * @example
 * const allowlist = new HostAllowlist(["acme.coupahost.com"]);
 * allowlist.allows("https://acme.coupahost.com/api/invoices"); // true
 */
export class HostAllowlist {
  readonly #rules: readonly Rule[];

  /** Throws `AllowlistEntryError` naming the first bad entry. */
  constructor(entries: readonly string[]) {
    this.#rules = entries
      .map((entry) => entry.trim())
      .filter((entry) => entry !== "")
      .map(parseEntry);
  }

  /**
   * Entries of an allowlist file: one per line; blank lines and text
   * after `#` are ignored.
   */
  static parseFile(text: string): string[] {
    return text
      .split(/\r?\n/)
      .map((line) => line.replace(/#.*/, "").trim())
      .filter((line) => line !== "");
  }

  /** The entries as normalized, for logs and messages. */
  get entries(): readonly string[] {
    return this.#rules.map((rule) =>
      rule.kind === "suffix" ? `*${rule.value}` : rule.value,
    );
  }

  /** True when the URL's host is on the list. */
  allows(url: string): boolean {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return false;
    }
    if (parsed.protocol !== "https:" && parsed.protocol !== "http:") {
      return false;
    }
    return this.#rules.some((rule) => matches(rule, parsed));
  }
}

function matches(rule: Rule, url: URL): boolean {
  const hostname = url.hostname.toLowerCase();
  switch (rule.kind) {
    case "origin":
      return url.origin.toLowerCase() === rule.value;
    case "host":
      return rule.value.includes(":")
        ? `${hostname}:${effectivePort(url)}` === rule.value
        : hostname === rule.value;
    case "suffix":
      return hostname.endsWith(rule.value);
  }
}

function effectivePort(url: URL): string {
  if (url.port) return url.port;
  return url.protocol === "https:" ? "443" : "80";
}

function parseEntry(entry: string): Rule {
  if (entry.includes("://")) return parseOrigin(entry);
  if (entry.startsWith("*.")) {
    const host = parseHost(entry.slice(2), entry);
    if (host.includes(":")) throw new AllowlistEntryError(entry);
    return { kind: "suffix", value: `.${host}` };
  }
  return { kind: "host", value: parseHost(entry, entry) };
}

function parseOrigin(entry: string): Rule {
  let url: URL;
  try {
    url = new URL(entry);
  } catch {
    throw new AllowlistEntryError(entry);
  }
  const bare = url.pathname === "/" && !url.search && !url.username;
  const web = url.protocol === "https:" || url.protocol === "http:";
  if (!bare || !web) throw new AllowlistEntryError(entry);
  return { kind: "origin", value: url.origin.toLowerCase() };
}

function parseHost(text: string, entry: string): string {
  let url: URL;
  try {
    url = new URL(`http://${text}`);
  } catch {
    throw new AllowlistEntryError(entry);
  }
  if (url.pathname !== "/" || url.search || url.username || url.hash) {
    throw new AllowlistEntryError(entry);
  }
  // The WHATWG parser drops a default port: keep what the user wrote.
  const port = /:(\d+)$/.exec(text)?.[1];
  const host = url.hostname.toLowerCase();
  return port ? `${host}:${port}` : host;
}
