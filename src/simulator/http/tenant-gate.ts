import { HTML_TYPE, JSON_TYPE } from "../content-types.js";
import type { SimRequest, SimResponse } from "../sim-exchange.js";
import type { SimulatorState } from "../simulator-state.js";

/**
 * The tenant's IP allowlist: a source address outside it gets Coupa's
 * web tier answer, a 403 HTML page, before anything else is looked at.
 */
export function checkAllowlist(
  request: SimRequest,
  state: SimulatorState,
): SimResponse | undefined {
  if (state.allowlist.allows(request.sourceAddress)) return undefined;
  const body =
    "<!DOCTYPE html><html><head><title>Access denied</title></head>" +
    "<body><h1>Access denied</h1><p>Your IP address " +
    `${request.sourceAddress} is not allowed to access this site.</p>` +
    "</body></html>";
  return {
    status: 403,
    headers: { "content-type": HTML_TYPE },
    body,
    records: 0,
  };
}

/**
 * The tenant's rate limit (leaky bucket): 429 with Coupa-style errors
 * once the burst is used up; `Retry-After` only when switched on.
 */
export function checkRateLimit(state: SimulatorState): SimResponse | undefined {
  const { rateLimit, rps, burst, retryAfter } = state.switches;
  if (!rateLimit) return undefined;
  const decision = state.bucket.take(rps, burst);
  if (decision.admitted) return undefined;
  const headers: Record<string, string> = { "content-type": JSON_TYPE };
  if (retryAfter) headers["retry-after"] = String(decision.retryAfterSeconds);
  const body = JSON.stringify({ errors: { base: ["Too Many Requests"] } });
  return { status: 429, headers, body, records: 0 };
}
