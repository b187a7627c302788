import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectionConfigSchema } from "../../src/connection/connection-config-schema.js";
import { CoupaClient } from "../../src/coupa/coupa-client.js";
import { DirectTransport } from "../../src/coupa/direct-transport.js";
import { RedirectError } from "../../src/coupa/errors/redirect-error.js";
import { RateLimiter } from "../../src/coupa/rate-limiter.js";
import { TransportError } from "../../src/coupa/transport.js";

let server: Server;
let origin: string;
const seen: Array<{ url: string; address: string; encoding: string }> = [];

function handle(
  request: IncomingMessage,
  response: import("node:http").ServerResponse,
) {
  seen.push({
    url: request.url ?? "",
    address: request.socket.remoteAddress ?? "",
    encoding: String(request.headers["accept-encoding"] ?? ""),
  });
  if (request.url === "/gzip") {
    response.writeHead(200, {
      "content-encoding": "gzip",
      "content-type": "application/json",
    });
    response.end(gzipSync(JSON.stringify([{ id: 1, name: "zipped" }])));
  } else if (request.url?.startsWith("/api/moved")) {
    response.writeHead(301, { location: "https://login.example.test/sso" });
    response.end();
  } else if (request.url?.startsWith("/api/broken")) {
    response.writeHead(500, { "content-type": "application/json" });
    response.end('{"errors":{"base":["undefined method for nil"]}}');
  } else if (request.url === "/reset") {
    request.socket.destroy();
  } else if (request.url === "/hang") {
    // never answers
  } else {
    response.writeHead(200, { "content-type": "application/json" });
    response.end("[]");
  }
}

beforeAll(async () => {
  server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function get(path: string, timeoutMs = 5000, signal?: AbortSignal) {
  return {
    method: "GET" as const,
    url: `${origin}${path}`,
    headers: { accept: "application/json", "accept-encoding": "gzip" },
    timeoutMs,
    ...(signal ? { signal } : {}),
  };
}

async function kindOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  return error instanceof TransportError ? error.kind : String(error);
}

describe("DirectTransport", () => {
  it("decodes a gzip answer", async () => {
    const transport = new DirectTransport();
    const response = await transport.request(get("/gzip"));
    await transport.close();
    expect(JSON.parse(response.body.toString())).toEqual([
      { id: 1, name: "zipped" },
    ]);
    expect(seen.at(-1)?.encoding).toBe("gzip");
  });

  it("returns a redirect as it is instead of following it", async () => {
    const transport = new DirectTransport();
    const response = await transport.request(get("/api/moved"));
    await transport.close();
    expect(response.status).toBe(301);
    expect(response.headers.location).toBe("https://login.example.test/sso");
  });

  it("connects from the bound local address", async () => {
    const transport = new DirectTransport({ localAddress: "127.0.0.5" });
    await transport.request(get("/plain"));
    await transport.close();
    expect(seen.at(-1)?.address).toBe("127.0.0.5");
  });

  it("names each failure below HTTP by its kind", async () => {
    const transport = new DirectTransport();
    expect(await kindOf(transport.request(get("/reset")))).toBe("reset");
    expect(await kindOf(transport.request(get("/hang", 300)))).toBe("timeout");
    const closed = new DirectTransport();
    const refused = closed.request({ ...get("/"), url: "http://127.0.0.1:9/" });
    expect(await kindOf(refused)).toBe("connect");
    await Promise.all([transport.close(), closed.close()]);
  });

  it("rejects with the caller's reason when the signal fires", async () => {
    const transport = new DirectTransport();
    const controller = new AbortController();
    const pending = transport.request(get("/hang", 10_000, controller.signal));
    setTimeout(() => controller.abort(new Error("run cancelled")), 50);
    await expect(pending).rejects.toThrow("run cancelled");
    await transport.close();
  });
});

describe("CoupaClient on answers it cannot use", () => {
  it("says what Coupa answered, for which request, with the body's start", async () => {
    const client = apiKeyClient();
    const error = await client
      .getPage("/api/broken", [["limit", "1"]])
      .catch((e: unknown) => e);
    await client.close();
    expect((error as Error).message).toBe(
      `Coupa answered 500 Internal Server Error for GET ${origin}/api/broken?limit=1: ` +
        '{"errors":{"base":["undefined method for nil"]}}. Coupa failed to ' +
        "answer: retry later.",
    );
    expect(seen.filter((s) => s.url.startsWith("/api/broken"))).toHaveLength(1);
  });

  it("refuses to follow a redirect and names the Location", async () => {
    const client = apiKeyClient();
    const error = await client
      .getPage("/api/moved", [])
      .catch((e: unknown) => e);
    await client.close();
    expect(error).toBeInstanceOf(RedirectError);
    expect((error as Error).message).toBe(
      `Coupa answered 301 Moved Permanently for GET ${origin}/api/moved, ` +
        "redirecting to https://login.example.test/sso. Redirects are not " +
        "followed: if that is your instance, set host to its origin; a " +
        "redirect to a login page usually means the host is not an API host.",
    );
  });
});

// The test server knows no OAuth: a (legacy) API key needs no token call.
function apiKeyClient(): CoupaClient {
  const connection = connectionConfigSchema.parse({
    name: "test server",
    host: origin,
    auth: { type: "oauth", clientId: "x", clientSecret: "y" },
  });
  return new CoupaClient({
    connection: {
      ...connection,
      auth: { type: "apiKey", key: "k".repeat(40) },
    },
    rateLimiter: new RateLimiter({ requestsPerSecond: 100, burst: 10 }),
  });
}
