import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import pino, { type Logger } from "pino";
import { AgentHub, type AgentHubOptions } from "../../src/agent/agent-hub.js";
import type { AgentStatus } from "../../src/agent/agent-status.js";
import { MemoryAgentRegistry } from "../../src/agent/memory-agent-registry.js";

/** A stand-in for the service: an HTTP server with the hub attached. */
export interface HubHarness {
  readonly hub: AgentHub;
  readonly registry: MemoryAgentRegistry;
  readonly server: Server;
  /** `http://127.0.0.1:<port>`: what an agent gets as `--server`. */
  readonly url: string;
  /** Resolves when the agent is next reported online. */
  online(agentId: string): Promise<AgentStatus>;
  close(): Promise<void>;
}

/** Starts an HTTP server on a random loopback port with an `AgentHub`. */
export async function startHub(
  options: Partial<AgentHubOptions> & {
    logger?: Logger;
    /** Port to listen on (to restart a service in place). Default random. */
    port?: number;
    registry?: MemoryAgentRegistry;
  } = {},
): Promise<HubHarness> {
  const registry = options.registry ?? new MemoryAgentRegistry();
  const server = createServer((_req, res) => {
    res.statusCode = 404;
    res.end();
  });
  await new Promise<void>((resolve) =>
    server.listen(options.port ?? 0, "127.0.0.1", resolve),
  );
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const hub = new AgentHub({
    registry,
    publicUrl: url,
    logger: options.logger ?? pino({ level: "silent" }),
    ...options,
  });
  hub.attach(server);
  return {
    hub,
    registry,
    server,
    url,
    online: (agentId) => waitOnline(hub, agentId),
    close: async () => {
      await hub.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function waitOnline(hub: AgentHub, agentId: string): Promise<AgentStatus> {
  const now = hub.status(agentId);
  if (now?.state === "online") return Promise.resolve(now);
  return new Promise((resolve) => {
    const listener = (status: AgentStatus) => {
      if (status.agentId !== agentId || status.state !== "online") return;
      hub.off("status", listener);
      resolve(status);
    };
    hub.on("status", listener);
  });
}
