import { existsSync } from "node:fs";
import { join } from "node:path";
import fastifyStatic from "@fastify/static";
import Fastify, { type FastifyInstance, LogController } from "fastify";
import type { Logger } from "pino";
import { AgentHub } from "../agent/agent-hub.js";
import { SqliteAgentRegistry } from "../agent/sqlite-agent-registry.js";
import type { Transport } from "../coupa/transport.js";
import { uplinkedTransportFor } from "./agents/uplinked-transport-for.js";
import { ApiError } from "./api-error.js";
import { ApiTokenStore } from "./auth/api-token-store.js";
import { type Clock, systemClock } from "./clock.js";
import type {
  EngineConnection,
  ExtractionEngine,
} from "./extraction-engine.js";
import { ApiRoutes } from "./http/api-routes.js";
import { registerBearerAuth } from "./http/bearer-auth.js";
import { createErrorHandler, safeUrl } from "./http/error-handler.js";
import { registerJsonBodyParser } from "./http/json-body-parser.js";
import { createLogger } from "./logging/create-logger.js";
import { ConnectionRepository } from "./model/connection-repository.js";
import { JobRepository } from "./model/job-repository.js";
import { PoolRepository } from "./model/pool-repository.js";
import { RunRepository } from "./model/run-repository.js";
import { packageRoot, packageVersion } from "./package-root.js";
import { registerAgentRoutes } from "./routes/agent-routes.js";
import { registerConnectionRoutes } from "./routes/connection-routes.js";
import { registerJobRoutes } from "./routes/job-routes.js";
import { registerMetaRoutes } from "./routes/meta-routes.js";
import { registerPoolRoutes } from "./routes/pool-routes.js";
import { registerRunRoutes } from "./routes/run-routes.js";
import { registerTableRoutes } from "./routes/table-routes.js";
import { RunLogStore } from "./runs/run-log-store.js";
import { RunManager } from "./runs/run-manager.js";
import {
  JobScheduler,
  type SchedulerTimers,
} from "./scheduler/job-scheduler.js";
import { loadMasterKey } from "./secrets/master-key.js";
import { SecretStore } from "./secrets/secret-store.js";
import type { ServerContext } from "./server-context.js";
import { DataPaths } from "./storage/data-paths.js";
import {
  ensureDataDirectory,
  type MetadataDatabase,
  openMetadataDatabase,
} from "./storage/metadata-database.js";

/** Options of `createServer`. */
export interface CreateServerOptions {
  /** Folder of the metadata database, the key file and the pools. */
  readonly dataDir: string;
  /**
   * Key that encrypts secrets at rest. Default: `COUPA_EXTRACTOR_MASTER_KEY`
   * or `<dataDir>/master.key` (created on first start, mode 0600).
   */
  readonly masterKey?: Buffer;
  /** Default: pino JSON on stdout with secrets redacted. */
  readonly logger?: Logger;
  /** Default: the system clock. */
  readonly clock?: Clock;
  /**
   * `autoStart` (default true) ticks at start (catching up missed runs)
   * and then every `intervalMs` (default 1000) with `timers` (default
   * the global ones). Tests pass `autoStart: false` and call
   * `scheduler.tick(now)`.
   */
  readonly scheduler?: {
    readonly autoStart: boolean;
    readonly intervalMs?: number;
    readonly timers?: SchedulerTimers;
  };
  /**
   * How a connection's requests reach Coupa. Default: an Uplinked
   * connection through its agent on the hub, a direct one with the Coupa
   * client's own transport (from `sourceAddress`).
   */
  readonly transportFor?: (
    connection: EngineConnection,
  ) => Transport | undefined;
  /**
   * The service's address as agents reach it, put in the command that
   * starts an agent. Default: `COUPA_EXTRACTOR_PUBLIC_URL`, else the URL
   * `listen` returns.
   */
  readonly publicUrl?: string;
  /** Replaces parts of the real extraction engine (tests: spies). */
  readonly engine?: Partial<ExtractionEngine>;
  /**
   * Folder of the built web UI served at `/`. Default `web/dist` in the
   * package; null serves no UI.
   */
  readonly webRoot?: string | null;
  /** Environment for the master key and clusters. Default process.env. */
  readonly env?: NodeJS.ProcessEnv;
  /** Least time between two progress writes of a run. Default 1000 ms. */
  readonly progressIntervalMs?: number;
}

/** A created server: the Fastify app plus its parts, for tests and CLI. */
export interface CoupaExtractorServer {
  readonly app: FastifyInstance;
  readonly tokens: ApiTokenStore;
  readonly scheduler: JobScheduler;
  readonly runs: RunManager;
  readonly context: ServerContext;
  readonly db: MetadataDatabase;
  /** Uplinked agents: they connect at `/api/agents/connect`. */
  readonly hub: AgentHub;
  /** Listens on `host:port`; returns the base URL. */
  listen(options?: { host?: string; port?: number }): Promise<string>;
  /**
   * Stops the scheduler and the runs (they resume at the next start),
   * disconnects the agents (they reconnect later), then stops the HTTP
   * server and the database.
   */
  close(): Promise<void>;
}

/**
 * Builds the service: REST API, scheduler and runs over one data
 * directory. Runs left running by a previous process resume at once.
 *
 * @example
 * const server = await createServer({ dataDir: "./data" });
 * const { token } = server.tokens.create("me");
 * await server.listen({ port: 8080 });
 */
export async function createServer(
  options: CreateServerOptions,
): Promise<CoupaExtractorServer> {
  const env = options.env ?? process.env;
  const logger = options.logger ?? createLogger();
  const clock = options.clock ?? systemClock;
  const paths = new DataPaths(options.dataDir);
  ensureDataDirectory(options.dataDir);

  const masterKey =
    options.masterKey ?? loadMasterKey(options.dataDir, env).key;
  const db = openMetadataDatabase(paths.metadata);
  const context = await buildContext(options, {
    db,
    masterKey,
    logger,
    clock,
    paths,
    env,
  }).catch((error: unknown) => {
    db.close();
    throw error;
  });
  const tokens = new ApiTokenStore(db, clock);

  const app = buildApp(context, tokens, options.webRoot);
  await app.ready();
  // Agents authenticate with their agent token in the hello, so the
  // upgrade bypasses the API's bearer check.
  context.hub.attach(app.server, { path: "/api/agents/connect" });
  const publicUrl = options.publicUrl ?? env.COUPA_EXTRACTOR_PUBLIC_URL;
  if (publicUrl) context.hub.publicUrl = publicUrl;

  context.runManager.resumeInterrupted();
  if (options.scheduler?.autoStart ?? true) context.scheduler.start();

  return {
    app,
    tokens,
    scheduler: context.scheduler,
    runs: context.runManager,
    context,
    db,
    hub: context.hub,
    listen: async (listen = {}) => {
      const url = await app.listen({
        host: listen.host ?? "127.0.0.1",
        port: listen.port ?? 0,
      });
      if (!publicUrl) context.hub.publicUrl = url;
      return url;
    },
    close: async () => {
      context.scheduler.stop();
      await context.runManager.close();
      await context.hub.close();
      await app.close();
      db.close();
    },
  };
}

interface ContextParts {
  readonly db: MetadataDatabase;
  readonly masterKey: Buffer;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly paths: DataPaths;
  readonly env: NodeJS.ProcessEnv;
}

async function buildContext(
  options: CreateServerOptions,
  parts: ContextParts,
): Promise<ServerContext> {
  const { db, logger, clock, paths } = parts;
  const secrets = new SecretStore(db, parts.masterKey);
  const { createDefaultEngine } = await import("./default-engine.js");
  const engine = { ...createDefaultEngine(parts.env), ...options.engine };
  const pools = new PoolRepository(db, clock);
  const connections = new ConnectionRepository(db, secrets, clock);
  const jobs = new JobRepository(db, clock);
  const runs = new RunRepository(db, clock);
  const logs = new RunLogStore(db);
  const hub = new AgentHub({
    registry: new SqliteAgentRegistry(db, clock),
    logger: logger.child({ component: "agents" }),
  });
  const transportFor = options.transportFor ?? uplinkedTransportFor(hub);

  const runManager = new RunManager({
    runs,
    jobs,
    connections,
    pools,
    logs,
    engine,
    paths,
    logger,
    clock,
    transportFor,
    progressIntervalMs: options.progressIntervalMs,
  });
  const scheduler = new JobScheduler({
    jobs,
    runs: runManager,
    clock,
    logger,
    timers: options.scheduler?.timers,
    intervalMs: options.scheduler?.intervalMs,
  });
  return {
    pools,
    connections,
    jobs,
    runs,
    runManager,
    scheduler,
    logs,
    engine,
    paths,
    logger,
    clock,
    transportFor,
    hub,
    version: packageVersion(),
  };
}

function buildApp(
  context: ServerContext,
  tokens: ApiTokenStore,
  webRootOption: string | null | undefined,
): FastifyInstance {
  const app = Fastify({
    loggerInstance: context.logger,
    // Requests are logged by the onResponse hook below, without their
    // query string: the events route may carry ?token=.
    logController: new LogController({ disableRequestLogging: true }),
  }) as unknown as FastifyInstance;
  app.setErrorHandler(createErrorHandler(context.logger));
  registerJsonBodyParser(app);
  app.addHook("onResponse", async (request, reply) => {
    context.logger.debug(
      {
        method: request.method,
        url: safeUrl(request.url),
        status: reply.statusCode,
      },
      "request",
    );
  });
  registerBearerAuth(app, tokens);

  const routes = new ApiRoutes(app);
  registerMetaRoutes(routes, context);
  registerPoolRoutes(routes, context);
  registerConnectionRoutes(routes, context);
  registerAgentRoutes(routes, context);
  registerJobRoutes(routes, context);
  registerRunRoutes(routes, context);
  registerTableRoutes(routes, context);

  const webRoot =
    webRootOption === undefined
      ? join(packageRoot(), "web", "dist")
      : webRootOption;
  registerWebUi(app, webRoot);
  return app;
}

/**
 * Serves the built web UI at `/` when its folder exists, with
 * `index.html` for any other GET outside `/api` (client-side routes).
 */
function registerWebUi(app: FastifyInstance, webRoot: string | null): void {
  const hasUi = webRoot !== null && existsSync(join(webRoot, "index.html"));
  if (hasUi) app.register(fastifyStatic, { root: webRoot, prefix: "/" });

  app.setNotFoundHandler((request, reply) => {
    const path = safeUrl(request.url);
    const isApi = path === "/api" || path.startsWith("/api/");
    if (
      hasUi &&
      !isApi &&
      (request.method === "GET" || request.method === "HEAD")
    ) {
      return reply.type("text/html").sendFile("index.html");
    }
    const error = new ApiError(
      404,
      "NOT_FOUND",
      `No route ${request.method} ${path}. See GET /api/openapi.json for the routes.`,
    );
    return reply.code(404).send(error.toBody());
  });
}
