import { AgentConfigError } from "./agent-config-error.js";

/** Path the service accepts agents on when the URL names none. */
export const DEFAULT_AGENT_PATH = "/api/agents/connect";

/**
 * The WebSocket URL of the service for an agent: `https://svc` becomes
 * `wss://svc/api/agents/connect`, `http://` becomes `ws://`; a URL that
 * already names a path keeps it.
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
  const result = new URL(url.href.replace(/^[a-z]+:/, scheme));
  if (result.pathname === "/") result.pathname = DEFAULT_AGENT_PATH;
  return result;
}

function invalid(input: string): AgentConfigError {
  return new AgentConfigError(
    `Server URL "${input}" is not a service address. Use the address of ` +
      "the service, e.g. https://extractor.example.com (wss:// and ws:// " +
      "also work; http:// only for tests on one machine).",
  );
}
