import type { Logger } from "pino";
import type { AgentHub } from "../agent/agent-hub.js";
import type { Transport } from "../coupa/transport.js";
import type { Clock } from "./clock.js";
import type {
  EngineConnection,
  ExtractionEngine,
} from "./extraction-engine.js";
import type { ConnectionRepository } from "./model/connection-repository.js";
import type { JobRepository } from "./model/job-repository.js";
import type { PoolRepository } from "./model/pool-repository.js";
import type { RunRepository } from "./model/run-repository.js";
import type { RunLogStore } from "./runs/run-log-store.js";
import type { RunManager } from "./runs/run-manager.js";
import type { JobScheduler } from "./scheduler/job-scheduler.js";
import type { DataPaths } from "./storage/data-paths.js";

/** Everything the route handlers use, built once by `createServer`. */
export interface ServerContext {
  readonly pools: PoolRepository;
  readonly connections: ConnectionRepository;
  readonly jobs: JobRepository;
  readonly runs: RunRepository;
  readonly runManager: RunManager;
  readonly scheduler: JobScheduler;
  readonly logs: RunLogStore;
  readonly engine: ExtractionEngine;
  readonly paths: DataPaths;
  readonly logger: Logger;
  readonly clock: Clock;
  /**
   * How a connection's requests reach Coupa; undefined lets the Coupa
   * client make (and close) its own direct transport.
   */
  readonly transportFor: (
    connection: EngineConnection,
  ) => Transport | undefined;
  /** Accepts Uplinked agents and routes their connections' requests. */
  readonly hub: AgentHub;
  /** The product's version, from package.json. */
  readonly version: string;
}
