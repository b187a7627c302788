import { resolve } from "node:path";
import type { Command } from "commander";
import { createServer } from "../../server/create-server.js";
import { createLogger } from "../../server/logging/create-logger.js";
import { rotateMasterKey } from "../../server/secrets/rotate-master-key.js";

/** Environment variable for the data directory. */
export const DATA_DIR_ENV = "COUPA_EXTRACTOR_DATA_DIR";

interface ServeOptions {
  dataDir?: string;
  host: string;
  port: string;
  logLevel: string;
  rotateMasterKey?: boolean;
  publicUrl?: string;
}

/**
 * Registers `coupa-extractor serve`: the REST API, the web UI and the
 * scheduler in one process over a data directory (default `./data`).
 */
export function registerServe(program: Command): void {
  program
    .command("serve")
    .description(
      "Run the service: REST API, web UI and scheduler (data in ./data by default)",
    )
    .option(
      "--data-dir <dir>",
      `data directory (default $${DATA_DIR_ENV} or ./data)`,
    )
    .option("--host <host>", "address to listen on", "127.0.0.1")
    .option("--port <port>", "port to listen on", "8080")
    .option("--log-level <level>", "pino log level", "info")
    .option(
      "--public-url <url>",
      "URL agents use to reach this service (default " +
        "$COUPA_EXTRACTOR_PUBLIC_URL or the listening address)",
    )
    .option(
      "--rotate-master-key",
      "re-encrypt every stored secret under a new master key, then exit",
    )
    .action(async (options: ServeOptions) => {
      const dataDir = dataDirectory(options.dataDir);
      if (options.rotateMasterKey) {
        rotate(dataDir);
        return;
      }
      await serve(dataDir, options);
    });
}

/** The data directory from the flag, the environment or `./data`. */
export function dataDirectory(flag: string | undefined): string {
  return resolve(flag ?? process.env[DATA_DIR_ENV] ?? "data");
}

async function serve(dataDir: string, options: ServeOptions): Promise<void> {
  const port = Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(
      `--port ${options.port} is not a port number; use 0-65535, e.g. --port 8080.`,
    );
    process.exitCode = 2;
    return;
  }
  const server = await createServer({
    dataDir,
    logger: createLogger(options.logLevel),
    ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
  });
  const url = await server.listen({ host: options.host, port });
  console.error(`coupa-extractor service on ${url} (data: ${dataDir})`);
  if (server.tokens.list().every((token) => token.revokedAt !== null)) {
    console.error(
      `No API token yet: create one with: coupa-extractor token create --data-dir ${dataDir}`,
    );
  }

  const stop = async () => {
    console.error("Stopping: runs in progress resume at the next start.");
    await server.close();
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

function rotate(dataDir: string): void {
  const rotation = rotateMasterKey(dataDir, process.env);
  console.log(
    `Re-encrypted ${rotation.secrets} secret(s) under a new master key.`,
  );
  if (rotation.keyFile) {
    console.log(`The new key is in ${rotation.keyFile}.`);
  }
  if (rotation.newKeyBase64) {
    console.log(
      "Set COUPA_EXTRACTOR_MASTER_KEY to this new key before the next start:",
    );
    console.log(rotation.newKeyBase64);
  }
}
