import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import type { Logger } from "pino";
import { getCatalog } from "../catalog/catalog.js";
import type { Catalog } from "../catalog/catalog-types.js";
import { AdminRequestError } from "./admin/admin-request-error.js";
import { ADMIN_PREFIX } from "./admin/admin-routes.js";
import { SimulatorAdmin } from "./admin/simulator-admin.js";
import { createSimulatorData } from "./data/create-simulator-data.js";
import type { SimulatorData } from "./data/simulator-data.js";
import { buildSimulatorApp } from "./http/simulator-app.js";
import { type SimulatorClock, systemClock } from "./simulator-clock.js";
import { SimulatorOptionsError } from "./simulator-options-error.js";
import { SimulatorState } from "./simulator-state.js";
import {
  defaultSwitches,
  type SimulatorSwitches,
} from "./simulator-switches.js";

/**
 * How to start a simulator. Every behaviour switch of
 * `SimulatorSwitches` may be given here too (defaults: Coupa's rate
 * limit on, no latency, no faults, API keys accepted).
 */
export interface SimulatorOptions extends Partial<SimulatorSwitches> {
  /** Interface to listen on. Default `127.0.0.1`. */
  host?: string;
  /** Port; default 0 (a random free port). */
  port?: number;
  /** Seed of the generated data and of faults. Default 1. */
  seed?: number;
  /** Number of invoices; other resources derive from it. Default 1000. */
  size?: number;
  /** Data to serve instead of generating it from seed and size. */
  data?: SimulatorData;
  /** The tenant clock. Default the system clock. */
  clock?: SimulatorClock;
  /** Catalog release whose endpoints and scopes are served. Default R39. */
  apiVersion?: string;
  /** Identifier of the seeded OAuth client. Default random. */
  clientId?: string;
  /** Secret of the seeded OAuth client. Default random. */
  clientSecret?: string;
  /** Bearer token of the admin API. Default random. */
  adminToken?: string;
  /** Entries kept in the request log. Default 10,000. */
  requestLogCapacity?: number;
  /** Where Fastify logs; default nowhere. */
  logger?: Logger;
}

/** A simulator listening on a port. */
export interface RunningSimulator {
  /** Base URL of the tenant, e.g. `http://127.0.0.1:41234`. */
  readonly baseUrl: string;
  /** Base URL of the admin API, e.g. `http://127.0.0.1:41234/__admin`. */
  readonly adminUrl: string;
  readonly adminToken: string;
  /** The seeded OAuth client, holding every read scope. */
  readonly clientId: string;
  readonly clientSecret: string;
  /** The tenant's data, for mutations and ground truth in tests. */
  readonly data: SimulatorData;
  /** In-process admin operations (clients, keys, switches, log). */
  readonly admin: SimulatorAdmin;
  /** Stops listening and drops every connection, hanging ones included. */
  close(): Promise<void>;
}

const SWITCH_KEYS = Object.keys(defaultSwitches(0));

/**
 * Starts a Coupa simulator over real HTTP.
 *
 * @example
 * const sim = await startSimulator({ size: 200, rateLimit: false });
 * const token = await fetch(`${sim.baseUrl}/oauth2/token`, {
 *   method: "POST",
 *   body: new URLSearchParams({
 *     grant_type: "client_credentials",
 *     client_id: sim.clientId,
 *     client_secret: sim.clientSecret,
 *   }),
 * });
 * await sim.close();
 */
export async function startSimulator(
  options: SimulatorOptions = {},
): Promise<RunningSimulator> {
  const seed = options.seed ?? 1;
  const clock = options.clock ?? systemClock;
  const catalog = getCatalog(options.apiVersion);
  const data =
    options.data ??
    createSimulatorData({
      seed,
      size: options.size ?? 1000,
      now: () => clock.now(),
    });
  const state = new SimulatorState({
    catalog,
    data,
    clock,
    switches: defaultSwitches(seed),
    ...(options.requestLogCapacity === undefined
      ? {}
      : { requestLogCapacity: options.requestLogCapacity }),
  });

  applySwitches(state, options);

  const admin = new SimulatorAdmin(state, readScopes(catalog));
  const client = admin.createClient({
    clientId: options.clientId ?? `coupa-sim-${randomBytes(6).toString("hex")}`,
    clientSecret: options.clientSecret ?? randomBytes(24).toString("hex"),
  });
  const adminToken = options.adminToken ?? randomBytes(24).toString("hex");
  const { app, hanging } = await buildSimulatorApp({
    state,
    admin,
    adminToken,
    ...(options.logger ? { logger: options.logger } : {}),
  });

  const host = options.host ?? "127.0.0.1";
  await app.listen({ host, port: options.port ?? 0 });
  const { port } = app.server.address() as AddressInfo;
  const baseUrl = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  return {
    baseUrl,
    adminUrl: `${baseUrl}${ADMIN_PREFIX}`,
    adminToken,
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    data,
    admin,
    close: async () => {
      for (const socket of hanging) socket.destroy();
      await app.close();
    },
  };
}

function applySwitches(state: SimulatorState, options: SimulatorOptions): void {
  const patch: Record<string, unknown> = {};
  for (const key of SWITCH_KEYS) {
    const value = options[key as keyof SimulatorOptions];
    if (value !== undefined) patch[key] = value;
  }
  try {
    state.setSwitches(patch);
  } catch (error) {
    if (!(error instanceof AdminRequestError)) throw error;
    throw new SimulatorOptionsError(error.message);
  }
}

function readScopes(catalog: Catalog): string[] {
  const scopes = Object.values(catalog.resources).map((r) => r.scope);
  return [...new Set(["core.common.read", ...scopes])].sort();
}
