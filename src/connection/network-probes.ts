import { lookup as dnsLookup } from "node:dns/promises";
import { isIP, connect as netConnect } from "node:net";
import { connect as tlsConnect } from "node:tls";

/** Resolves a host name to its addresses (`dns.promises.lookup` shape). */
export type Lookup = (
  hostname: string,
  options: { all: true },
) => Promise<Array<{ address: string; family: number }>>;

/** What one network probe found. */
export interface ProbeResult {
  readonly ok: boolean;
  readonly detail: string;
}

/** Options shared by the probes. */
export interface ProbeOptions {
  /** Local address to bind, as the client would. Default none. */
  readonly localAddress?: string;
  /** Give up after this long. */
  readonly timeoutMs: number;
}

/**
 * The addresses a host name resolves to. An IP literal resolves to itself.
 *
 * @param lookup Default `dns.promises.lookup`.
 */
export async function probeDns(
  hostname: string,
  lookup: Lookup = dnsLookup as Lookup,
): Promise<ProbeResult> {
  const bare = hostname.replace(/^\[|\]$/g, "");
  if (isIP(bare)) return { ok: true, detail: `${bare} is an IP address` };
  try {
    const addresses = (await lookup(bare, { all: true })).map((a) => a.address);
    return { ok: true, detail: `${bare} resolves to ${addresses.join(", ")}` };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "error";
    return { ok: false, detail: `${bare} does not resolve (${code})` };
  }
}

/** Whether a TCP connection to host:port opens. */
export function probeTcp(
  hostname: string,
  port: number,
  options: ProbeOptions,
): Promise<ProbeResult> {
  const host = hostname.replace(/^\[|\]$/g, "");
  const target = `${host}:${port}`;
  return new Promise((resolve) => {
    const socket = netConnect({
      host,
      port,
      ...(options.localAddress ? { localAddress: options.localAddress } : {}),
    });
    const done = (result: ProbeResult) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(options.timeoutMs, () =>
      done({
        ok: false,
        detail: `no answer from ${target} within ${options.timeoutMs} ms`,
      }),
    );
    socket.once("connect", () =>
      done({
        ok: true,
        detail: `${target} accepts connections${from(socket.localAddress)}`,
      }),
    );
    socket.once("error", (error: NodeJS.ErrnoException) =>
      done({
        ok: false,
        detail: `${target} refused the connection (${error.code ?? error.message})`,
      }),
    );
  });
}

/** Whether a TLS handshake with host:port succeeds with a trusted certificate. */
export function probeTls(
  hostname: string,
  port: number,
  options: ProbeOptions,
): Promise<ProbeResult> {
  return new Promise((resolve) => {
    const socket = tlsConnect({
      host: hostname,
      port,
      servername: hostname,
      ...(options.localAddress ? { localAddress: options.localAddress } : {}),
    });
    const done = (result: ProbeResult) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(options.timeoutMs, () =>
      done({
        ok: false,
        detail: `no TLS handshake within ${options.timeoutMs} ms`,
      }),
    );
    socket.once("secureConnect", () =>
      done({
        ok: true,
        detail: `${socket.getProtocol() ?? "TLS"} with a trusted certificate for ${hostname}`,
      }),
    );
    socket.once("error", (error: NodeJS.ErrnoException) =>
      done({
        ok: false,
        detail: `TLS handshake failed (${error.code ?? error.message})`,
      }),
    );
  });
}

function from(localAddress: string | undefined): string {
  return localAddress ? ` from ${localAddress}` : "";
}
