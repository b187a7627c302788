import type { FastifyReply } from "fastify";
import { HTML_TYPE } from "../content-types.js";
import type { SimResponse } from "../sim-exchange.js";

const REASONS: Record<number, string> = {
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

/** A 5xx as a load balancer in front of Coupa would send it. */
export function gatewayError(status: number): SimResponse {
  const reason = REASONS[status] ?? "Server Error";
  const body = `<html><body><h1>${status} ${reason}</h1></body></html>`;
  return { status, headers: { "content-type": HTML_TYPE }, body, records: 0 };
}

/** Drops the connection with a TCP reset, sending nothing. */
export function resetConnection(reply: FastifyReply): void {
  reply.hijack();
  const socket = reply.raw.socket ?? reply.request.raw.socket;
  if (typeof socket.resetAndDestroy === "function") socket.resetAndDestroy();
  else socket.destroy();
}

/**
 * Sends the headers (with the full Content-Length) and half the body,
 * then closes the connection: the client sees a premature end.
 */
export function sendTruncated(
  reply: FastifyReply,
  response: SimResponse,
  date: string,
): void {
  reply.hijack();
  const body = Buffer.from(response.body);
  const raw = reply.raw;
  raw.writeHead(response.status, {
    ...response.headers,
    date,
    "content-length": String(body.length),
  });
  raw.write(body.subarray(0, Math.floor(body.length / 2)), () => {
    raw.socket?.destroy();
  });
}

/** The same answer with a body that no parser accepts. */
export function malformed(response: SimResponse): SimResponse {
  const cut = response.body.slice(0, Math.floor(response.body.length / 2));
  return { ...response, body: `${cut}\u0000<<garbled` };
}
