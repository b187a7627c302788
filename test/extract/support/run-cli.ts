import { type ChildProcess, spawn } from "node:child_process";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import type { Harness } from "./extraction-harness.js";

/** Output and exit of a finished CLI process. */
export interface CliResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A started CLI process. */
export interface CliProcess {
  readonly child: ChildProcess;
  /** Resolves once stdout contains `text`. */
  waitFor(text: string): Promise<void>;
  readonly done: Promise<CliResult>;
}

const ROOT = path.resolve(import.meta.dirname, "../../..");

/** Starts `coupa-extractor <args>` from the sources, as a child process. */
export function startCli(args: readonly string[]): CliProcess {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "src/cli/main.ts", ...args],
    { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] },
  );
  let stdout = "";
  let stderr = "";
  const waiters: { text: string; resolve: () => void }[] = [];
  child.stdout?.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
    for (const waiter of waiters.filter((w) => stdout.includes(w.text))) {
      waiter.resolve();
    }
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const done = new Promise<CliResult>((resolve) => {
    child.on("close", (code, signal) =>
      resolve({ code, signal, stdout, stderr }),
    );
  });
  return {
    child,
    done,
    waitFor: (text) =>
      new Promise<void>((resolve, reject) => {
        if (stdout.includes(text)) return resolve();
        waiters.push({ text, resolve });
        done.then(() =>
          reject(new Error(`CLI ended before printing "${text}":\n${stderr}`)),
        );
      }),
  };
}

/** Runs the CLI to its end. */
export function runCli(args: readonly string[]): Promise<CliResult> {
  return startCli(args).done;
}

/** Writes an extraction config for the harness's simulator; returns its path. */
export async function writeConfig(
  harness: Harness,
  tables: Record<string, unknown>,
  options: {
    name?: string;
    poolPath?: string;
    memoryLimitMb?: number;
    auth?: object;
  } = {},
): Promise<string> {
  const file = path.join(harness.dir, options.name ?? "config.json");
  const config = {
    connection: {
      name: "test",
      host: harness.sim.baseUrl,
      auth: options.auth ?? {
        type: "oauth",
        clientId: harness.sim.clientId,
        clientSecret: harness.sim.clientSecret,
      },
      maxParallelRequests: 8,
    },
    pool: {
      path: options.poolPath ?? harness.poolPath,
      memoryLimitMb: options.memoryLimitMb,
    },
    tables,
    safetyMargin: 0,
  };
  await writeFile(file, JSON.stringify(config, null, 2));
  return file;
}
