import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { afterEach, describe, expect, it } from "vitest";
import { http } from "./sim-http.js";

const script = `
import { Command } from "commander";
import { registerSimulate } from "./src/cli/commands/simulate.ts";
const program = new Command("coupa-extractor");
registerSimulate(program);
await program.parseAsync(process.argv.slice(1), { from: "user" });
`;

let child: ChildProcess | undefined;

afterEach(async () => {
  if (child && child.exitCode === null) {
    child.kill("SIGKILL");
    await once(child, "exit");
  }
  child = undefined;
});

function simulate(args: string[]): ChildProcess {
  child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      "--input-type=module",
      "-e",
      script,
      "--",
      "simulate",
      ...args,
    ],
    { cwd: process.cwd(), stdio: ["ignore", "pipe", "pipe"] },
  );
  return child;
}

async function firstLine(proc: ChildProcess): Promise<string> {
  const lines = createInterface({
    input: proc.stdout as NodeJS.ReadableStream,
  });
  for await (const line of lines) return line;
  throw new Error("simulate printed nothing");
}

describe("coupa-extractor simulate", () => {
  it("prints one JSON line, serves the API, and exits cleanly on SIGTERM", async () => {
    const proc = simulate(["--json", "--size", "15", "--no-rate-limit"]);
    const info = JSON.parse(await firstLine(proc));
    expect(Object.keys(info).sort()).toEqual([
      "adminToken",
      "adminUrl",
      "baseUrl",
      "clientId",
      "clientSecret",
    ]);

    const token = await http(`${info.baseUrl}/oauth2/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: info.clientId,
        client_secret: info.clientSecret,
      }).toString(),
    });
    expect(token.status).toBe(200);
    const switches = await http(`${info.adminUrl}/switches`, {
      headers: { authorization: `Bearer ${info.adminToken}` },
    });
    expect(switches.json<{ rateLimit: boolean }>().rateLimit).toBe(false);

    proc.kill("SIGTERM");
    const [code] = await once(proc, "exit");
    expect(code).toBe(0);
  });

  it("refuses a bad allowlist entry with exit code 2 and a message naming it", async () => {
    const proc = simulate(["--ip-allowlist", "not-an-ip"]);
    let stderr = "";
    proc.stderr?.on("data", (chunk) => {
      stderr += chunk;
    });
    const [code] = await once(proc, "exit");
    expect(code).toBe(2);
    expect(stderr).toContain('"not-an-ip"');
  });
});
