import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";

const cli = fileURLToPath(new URL("./fixtures/agent-cli.ts", import.meta.url));
const root = fileURLToPath(new URL("../../", import.meta.url));

/** An agent running as a child process through the CLI command. */
export interface AgentProcess {
  readonly child: ChildProcess;
  /** Everything the process wrote to stderr so far. */
  stderr(): string;
  /** Resolves with the exit code (null when killed by a signal). */
  readonly exited: Promise<number | null>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts `coupa-extractor agent <args>` with the token in the environment. */
export function startAgentProcess(
  args: readonly string[],
  token: string,
): AgentProcess {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", cli, "agent", "--log-level", "warn", ...args],
    {
      cwd: root,
      env: { ...process.env, COUPA_EXTRACTOR_AGENT_TOKEN: token },
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  const exited = once(child, "exit").then(([code]) => code as number | null);
  return {
    child,
    stderr: () => stderr,
    exited,
    kill: async (signal = "SIGTERM") => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill(signal);
      }
      await exited;
    },
  };
}
