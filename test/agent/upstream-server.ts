import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** A small HTTP server standing in for a host behind the agent. */
export interface UpstreamServer {
  readonly server: Server;
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  /** Requests received so far. */
  readonly received: number;
  /** Most requests it was handling at the same time. */
  readonly maxConcurrent: number;
  /** Requests whose client went away before the answer. */
  readonly abandoned: number;
  close(): Promise<void>;
}

/**
 * Answers `/echo` with the method, path and body as JSON, `/bytes?n=N`
 * with N bytes of a known pattern, `/slow?ms=M` after M ms and `/hang`
 * never.
 */
export async function startUpstream(): Promise<UpstreamServer> {
  let received = 0;
  let active = 0;
  let maxConcurrent = 0;
  let abandoned = 0;
  const server = createServer((req, res) => {
    received += 1;
    active += 1;
    maxConcurrent = Math.max(maxConcurrent, active);
    let finished = false;
    res.on("finish", () => {
      finished = true;
    });
    res.on("close", () => {
      active -= 1;
      if (!finished) abandoned += 1;
    });
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => answer(req.url ?? "/", req.method ?? "GET"));

    function answer(path: string, method: string): void {
      const url = new URL(path, "http://upstream");
      if (url.pathname === "/echo") {
        res.setHeader("content-type", "application/json");
        res.setHeader("x-upstream", "yes");
        const body = Buffer.concat(chunks).toString("utf8");
        res.end(JSON.stringify({ method, path, body }));
      } else if (url.pathname === "/bytes") {
        res.end(pattern(Number(url.searchParams.get("n"))));
      } else if (url.pathname === "/slow") {
        const ms = Number(url.searchParams.get("ms"));
        setTimeout(() => res.end("slow"), ms);
      } else if (url.pathname !== "/hang") {
        res.statusCode = 404;
        res.end("not found");
      }
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    server,
    origin: `http://127.0.0.1:${port}`,
    get received() {
      return received;
    },
    get maxConcurrent() {
      return maxConcurrent;
    },
    get abandoned() {
      return abandoned;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** N bytes of a repeating pattern, so any reordering shows. */
export function pattern(n: number): Buffer {
  const bytes = Buffer.allocUnsafe(n);
  for (let i = 0; i < n; i += 1) bytes[i] = (i * 31 + (i >> 8)) & 0xff;
  return bytes;
}
