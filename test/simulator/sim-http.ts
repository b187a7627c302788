import { type Agent, request } from "undici";
import type { RunningSimulator } from "../../src/simulator/start-simulator.js";

/** A plain HTTP answer read whole. */
export interface HttpAnswer {
  status: number;
  headers: Record<string, string>;
  text: string;
  json<T = unknown>(): T;
}

/** Options of one test request. */
export interface HttpOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  dispatcher?: Agent;
}

/** Sends one request and reads the answer (test helper). */
export async function http(
  url: string,
  options: HttpOptions = {},
): Promise<HttpAnswer> {
  const response = await request(url, {
    method: (options.method ?? "GET") as "GET",
    headers: options.headers ?? {},
    ...(options.body === undefined ? {} : { body: options.body }),
    ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
  });
  const text = await response.body.text();
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(response.headers)) {
    headers[k] = Array.isArray(v) ? v.join(", ") : String(v);
  }
  return {
    status: response.statusCode,
    headers,
    text,
    json: <T>() => JSON.parse(text) as T,
  };
}

/** Mints a token with the form-body credentials of the default client. */
export async function mintToken(
  sim: RunningSimulator,
  form: Record<string, string> = {},
): Promise<string> {
  const answer = await http(`${sim.baseUrl}/oauth2/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "client_credentials",
      client_id: sim.clientId,
      client_secret: sim.clientSecret,
      ...form,
    }).toString(),
  });
  if (answer.status !== 200) throw new Error(`token: ${answer.text}`);
  return answer.json<{ access_token: string }>().access_token;
}

/** A JSON GET of `/api/...` with a bearer token. */
export async function apiJson(
  sim: RunningSimulator,
  token: string,
  pathAndQuery: string,
  extra: HttpOptions = {},
): Promise<HttpAnswer> {
  return http(`${sim.baseUrl}${pathAndQuery}`, {
    ...extra,
    headers: {
      authorization: `Bearer ${token}`,
      accept: "application/json",
      ...extra.headers,
    },
  });
}

/** Query string from pairs, encoded as a careful client would. */
export function qs(pairs: Record<string, string | number>): string {
  return new URLSearchParams(
    Object.entries(pairs).map(([k, v]) => [k, String(v)]),
  ).toString();
}
