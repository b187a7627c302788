import { HostFormatError } from "./host-format-error.js";

/** Options of `normalizeHost`. */
export interface NormalizeHostOptions {
  /**
   * Accept `http://` for hosts that are not loopback addresses (a test
   * tenant behind a plain-HTTP proxy). Default false: Coupa serves HTTPS
   * only, so plain HTTP elsewhere is almost always a typo.
   */
  readonly allowInsecureHttp?: boolean;
}

const TENANT_NAME = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const HOST_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const IPV4 = /^(?:\d{1,3}\.){3}\d{1,3}$/;
// Characters an origin plus `/api` can contain; anything else (spaces,
// quotes, backslashes, non-ASCII) is refused before URL parsing, which
// would otherwise silently percent-encode or punycode it.
const ORIGIN_CHARACTERS = /^[A-Za-z0-9.:/[\]-]+$/;

/**
 * Turns what a user types for their Coupa instance into an origin.
 * A bare tenant name means `<name>.coupahost.com`; other host names are
 * kept as given (`acme-test.coupahost.com`, `acme.coupacloud.com`).
 *
 * @example
 * normalizeHost("acme"); // "https://acme.coupahost.com"
 * normalizeHost("https://acme.coupahost.com/api"); // same
 * normalizeHost("http://127.0.0.1:4000"); // simulator: loopback may be http
 * @throws HostFormatError naming the value and the accepted forms.
 */
export function normalizeHost(
  input: string,
  options: NormalizeHostOptions = {},
): string {
  const value = input.trim();
  if (value === "") throw new HostFormatError(input, "it is empty");
  checkSchemeAndCharacters(input, value);

  const withScheme = value.includes("://") ? value : `https://${value}`;
  const url = parseUrl(input, withScheme);
  checkUrlParts(input, url);

  const hostname = checkHostname(input, url.hostname);
  if (url.protocol === "http:") {
    checkPlainHttpAllowed(input, hostname, options);
  }
  const port = url.port === "" ? "" : `:${url.port}`;
  return `${url.protocol}//${expandTenant(hostname)}${port}`;
}

function checkSchemeAndCharacters(input: string, value: string): void {
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(value)?.[1];
  if (scheme !== undefined && !/^https?$/i.test(scheme)) {
    throw new HostFormatError(
      input,
      `the scheme ${scheme}:// is not supported, only https://`,
    );
  }
  if (value.includes("@")) {
    throw new HostFormatError(
      input,
      "credentials in the URL are not allowed (put them under auth)",
    );
  }
  if (value.includes("?") || value.includes("#")) {
    throw new HostFormatError(input, "query strings are not allowed");
  }
  if (!ORIGIN_CHARACTERS.test(value)) {
    throw new HostFormatError(input, "it contains characters not allowed");
  }
}

function parseUrl(input: string, value: string): URL {
  try {
    return new URL(value);
  } catch {
    throw new HostFormatError(input, "it is not a valid host or URL");
  }
}

function checkUrlParts(input: string, url: URL): void {
  const path = url.pathname.replace(/\/+$/, "");
  if (path !== "" && path !== "/api") {
    throw new HostFormatError(
      input,
      `the path ${url.pathname} is not allowed (only /api)`,
    );
  }
}

function checkHostname(input: string, raw: string): string {
  const hostname = raw.toLowerCase();
  if (hostname === "[::1]" || IPV4.test(hostname)) {
    if (hostname !== "[::1]" && !isValidIpv4(hostname)) {
      throw new HostFormatError(input, "it is not a valid IPv4 address");
    }
    return hostname;
  }
  if (hostname.startsWith("[")) {
    throw new HostFormatError(
      input,
      "IPv6 addresses other than [::1] are not supported",
    );
  }
  if (!hostname.split(".").every((label) => HOST_LABEL.test(label))) {
    throw new HostFormatError(input, "it is not a valid host name");
  }
  return hostname;
}

function isValidIpv4(hostname: string): boolean {
  return hostname.split(".").every((part) => Number(part) <= 255);
}

function checkPlainHttpAllowed(
  input: string,
  hostname: string,
  options: NormalizeHostOptions,
): void {
  if (options.allowInsecureHttp || isLoopback(hostname)) return;
  throw new HostFormatError(
    input,
    "http:// is only accepted for loopback addresses (127.0.0.0/8, ::1, " +
      "localhost); use https:// or set allowInsecureHttp",
  );
}

/** True for 127.0.0.0/8, ::1 and localhost: the simulator's addresses. */
export function isLoopback(hostname: string): boolean {
  return (
    hostname === "localhost" ||
    hostname === "[::1]" ||
    hostname === "::1" ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname)
  );
}

function expandTenant(hostname: string): string {
  const isTenantName = TENANT_NAME.test(hostname) && hostname !== "localhost";
  return isTenantName ? `${hostname}.coupahost.com` : hostname;
}
