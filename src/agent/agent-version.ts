/** Version the agent reports in its hello; the service shows it. */
export const AGENT_VERSION = "0.1.0";
