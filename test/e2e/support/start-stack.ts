import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pino } from "pino";
import { createServer } from "../../../src/server/create-server.js";
import { startSimulator } from "../../../src/simulator/start-simulator.js";

/** The server with its built UI, a Coupa simulator, and an API token. */
export interface E2eStack {
  /** Where the browser opens the UI, e.g. `http://127.0.0.1:41234`. */
  readonly baseUrl: string;
  /** A valid API token of the server. */
  readonly token: string;
  readonly simulator: {
    /** Base URL of the simulated tenant (plain http on loopback). */
    readonly url: string;
    readonly clientId: string;
    readonly clientSecret: string;
    /** How many live records a resource has: the ground truth. */
    count(resource: string): number;
    /** Ids of a resource's live records, as text. */
    ids(resource: string): Set<string>;
    /** Delays every API answer by this many milliseconds (0: none). */
    setLatency(ms: number): void;
  };
  /** GETs a server route with the token and returns its JSON. */
  api<T>(route: string): Promise<T>;
  /** Stops both servers and deletes the data folder. */
  close(): Promise<void>;
}

/**
 * Starts the Coupa simulator (small tenant, no rate limit, so runs are
 * quick) and the server on random loopback ports, in a fresh data folder.
 */
export async function startStack(): Promise<E2eStack> {
  const simulator = await startSimulator({ size: 200, rateLimit: false });
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "cx-e2e-data-"));
  const server = await createServer({
    dataDir,
    logger: pino({ level: "silent" }),
    scheduler: { autoStart: false },
  });
  const { token } = server.tokens.create("e2e");
  const baseUrl = await server.listen({ host: "127.0.0.1", port: 0 });

  return {
    baseUrl,
    token,
    simulator: {
      url: simulator.baseUrl,
      clientId: simulator.clientId,
      clientSecret: simulator.clientSecret,
      count: (resource) => [...simulator.data.groundTruth(resource)].length,
      setLatency: (ms) => {
        simulator.admin.setSwitches({ latencyMs: ms });
      },
      ids: (resource) =>
        new Set(
          [...simulator.data.groundTruth(resource)].map((r) => String(r.id)),
        ),
    },
    async api<T>(route: string) {
      const response = await fetch(`${baseUrl}${route}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      if (!response.ok) {
        throw new Error(`GET ${route} answered ${response.status}`);
      }
      return (await response.json()) as T;
    },
    async close() {
      await server.close();
      await simulator.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
