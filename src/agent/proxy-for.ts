/**
 * The HTTPS proxy an agent must use to reach `target`, from the usual
 * environment variables: `HTTPS_PROXY`/`https_proxy` (also for `ws://`
 * targets, since the agent tunnels with CONNECT either way), skipped for
 * hosts matched by `NO_PROXY`/`no_proxy` (`*`, a host name, a domain
 * suffix like `.corp.example` or `corp.example`, optionally with a port).
 * Undefined when no proxy applies.
 */
export function proxyFor(
  target: URL,
  env: Readonly<Record<string, string | undefined>>,
): string | undefined {
  const proxy = env.HTTPS_PROXY || env.https_proxy;
  if (!proxy) return undefined;
  const noProxy = (env.NO_PROXY || env.no_proxy || "")
    .split(/[\s,]+/)
    .map((entry) => entry.trim().toLowerCase())
    .filter((entry) => entry !== "");
  return noProxy.some((entry) => bypasses(entry, target)) ? undefined : proxy;
}

function bypasses(entry: string, target: URL): boolean {
  if (entry === "*") return true;
  const [host = "", port] = entry.split(/:(?=\d+$)/);
  const targetPort = target.port || (target.protocol === "wss:" ? "443" : "80");
  if (port && port !== targetPort) return false;
  const hostname = target.hostname.toLowerCase();
  const domain = host.replace(/^\*?\./, "");
  return hostname === domain || hostname.endsWith(`.${domain}`);
}
