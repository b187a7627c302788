import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import {
  type CoupaExtractorServer,
  type CreateServerOptions,
  createServer,
} from "../../src/server/create-server.js";

/** One answer of the API, kept for the secret scan. */
export interface Answer {
  readonly status: number;
  readonly body: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests inspect answers freely
  json(): any;
}

/** A server on a temporary data directory with a token, for tests. */
export interface TestServer {
  readonly server: CoupaExtractorServer;
  readonly dataDir: string;
  readonly token: string;
  /** Every answer so far, in order. */
  readonly answers: Answer[];
  /** Every log line written by the server. */
  readonly logLines: string[];
  call(method: string, url: string, body?: unknown): Promise<Answer>;
  /** Closes the server; keeps the data directory for a restart. */
  stop(): Promise<void>;
  /** Closes the server and removes the data directory. */
  dispose(): Promise<void>;
}

/** Starts a server in-process on a fresh (or given) data directory. */
export async function startTestServer(
  options: Partial<CreateServerOptions> & { token?: string } = {},
): Promise<TestServer> {
  const dataDir =
    options.dataDir ?? mkdtempSync(join(tmpdir(), "coupa-server-"));
  const logLines: string[] = [];
  const logger = pino(
    { level: "debug" },
    { write: (line: string) => void logLines.push(line) },
  );
  const server = await createServer({
    logger,
    scheduler: { autoStart: false },
    webRoot: null,
    env: {},
    ...options,
    dataDir,
  });
  const token = options.token ?? server.tokens.create("test").token;
  const answers: Answer[] = [];

  const call = async (method: string, url: string, body?: unknown) => {
    const response = await server.app.inject({
      method: method as "GET",
      url,
      headers: { authorization: `Bearer ${token}` },
      ...(body === undefined ? {} : { payload: body as object }),
    });
    const answer = toAnswer(response.statusCode, response.body);
    answers.push(answer);
    return answer;
  };

  return {
    server,
    dataDir,
    token,
    answers,
    logLines,
    call,
    stop: () => server.close(),
    dispose: async () => {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** An answer from a status and a body text. */
export function toAnswer(status: number, body: string): Answer {
  return { status, body, json: () => JSON.parse(body) };
}
