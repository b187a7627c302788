import type { FastifyRequest } from "fastify";
import { normalizeAddress } from "../address-allowlist.js";
import type { SimRequest } from "../sim-exchange.js";

/** The library-free view of a Fastify request. */
export function toSimRequest(request: FastifyRequest): SimRequest {
  const url = request.raw.url ?? "/";
  const mark = url.indexOf("?");
  const path = mark < 0 ? url : url.slice(0, mark);
  const rawQuery = mark < 0 ? "" : url.slice(mark + 1);
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    headers[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return {
    method: request.method,
    path: safeDecode(path),
    rawQuery,
    query: [...new URLSearchParams(rawQuery)],
    headers,
    sourceAddress: normalizeAddress(request.socket.remoteAddress ?? ""),
    body: typeof request.body === "string" ? request.body : "",
  };
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
