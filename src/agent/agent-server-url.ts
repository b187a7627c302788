import { AgentConfigError } from "./agent-config-error.js";

/** Path the service accepts agents on when the URL names none. */
export const DEFAULT_AGENT_PATH = "/api/agents/connect";

/**
 * The WebSocket URL of the service for an agent: `https://svc` becomes
 * `wss://svc/api/agents/connect`, `http://` becomes `ws://`; a URL that
 * already names a path keeps it. Unencrypted addresses are accepted only
 * for loopback hosts.
 *
 * @example
 * agentServerUrl("https://extractor.example.com").href;
 * // "wss://extractor.example.com/api/agents/connect"
 */
export function agentServerUrl(input: string): URL {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw invalid(input);
  }
  const schemes: Record<string, string> = {
    "https:": "wss:",
    "http:": "ws:",
    "wss:": "wss:",
    "ws:": "ws:",
  };
  const scheme = schemes[url.protocol];
  if (!scheme || url.username || url.password) throw invalid(input);
  if (scheme === "ws:" && !isLoopback(url.hostname)) throw cleartext(input);
  const result = new URL(url.href.replace(/^[a-z]+:/, scheme));
  if (result.pathname === "/") result.pathname = DEFAULT_AGENT_PATH;
  return result;
}

// The token travels in the first frame: in clear text it could be read
// on the way, so plain ws:// is for one machine only.
function isLoopback(hostname: string): boolean {
  return (
    hostname === "localhost" ||
    hostname === "[::1]" ||
    /^127(\.\d{1,3}){3}$/.test(hostname)
  );
}

function cleartext(input: string): AgentConfigError {
  return new AgentConfigError(
    `Server URL "${input}" is not encrypted, so the agent token would ` +
      "travel in clear text. Use https:// (or wss://); http:// and ws:// " +
      "are accepted only for this machine (localhost, 127.0.0.1).",
  );
}

function invalid(input: string): AgentConfigError {
  return new AgentConfigError(
    `Server URL "${input}" is not a service address. Use the address of ` +
      "the service, e.g. https://extractor.example.com (wss:// and ws:// " +
      "also work; http:// only for tests on one machine).",
  );
}
