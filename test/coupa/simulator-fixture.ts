import { Writable } from "node:stream";
import pino, { type Logger } from "pino";
import {
  type ConnectionConfig,
  connectionConfigSchema,
} from "../../src/connection/connection-config-schema.js";
import type { Clock } from "../../src/coupa/clock.js";
import { systemClock as clientSystemClock } from "../../src/coupa/clock.js";
import {
  type RunningSimulator,
  type SimulatorOptions,
  startSimulator,
} from "../../src/simulator/start-simulator.js";

/** Log lines written by everything a test suite logs, for secret scans. */
export class LogCapture {
  readonly lines: string[] = [];

  /** A debug-level pino logger writing into `lines`. */
  logger(): Logger {
    const stream = new Writable({
      write: (chunk, _encoding, done) => {
        this.lines.push(String(chunk));
        done();
      },
    });
    return pino({ level: "debug" }, stream);
  }

  get text(): string {
    return this.lines.join("");
  }
}

/** A clock whose `now` can jump ahead, with real timers. */
export class ShiftedClock implements Clock {
  offsetMs = 0;
  now(): number {
    return Date.now() + this.offsetMs;
  }
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return clientSystemClock.sleep(ms, signal);
  }
}

/** A simulator on a random loopback port; Coupa's limits unless told. */
export function simulator(
  options: SimulatorOptions = {},
): Promise<RunningSimulator> {
  return startSimulator({ size: 200, ...options });
}

/** A validated OAuth connection to a simulator. */
export function connectionTo(
  sim: RunningSimulator,
  overrides: Record<string, unknown> = {},
): ConnectionConfig {
  return connectionConfigSchema.parse({
    name: "simulator",
    host: sim.baseUrl,
    auth: {
      type: "oauth",
      clientId: sim.clientId,
      clientSecret: sim.clientSecret,
    },
    ...overrides,
  });
}

/** Requests in the simulator's log that match. */
export function logged(
  sim: RunningSimulator,
  match: (entry: {
    method: string;
    path: string;
    status: number | null;
  }) => boolean,
): number {
  return sim.admin.requestLog().filter(match).length;
}

/** Token requests in the simulator's log. */
export function tokenRequests(sim: RunningSimulator): number {
  return logged(sim, (e) => e.method === "POST" && e.path === "/oauth2/token");
}
