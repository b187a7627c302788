import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../../src/simulator/start-simulator.js";
import { simulator } from "../coupa/simulator-fixture.js";

const run = promisify(execFile);
let sim: RunningSimulator;
let folder: string;
let configPath: string;

async function cli(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ["--import", "tsx", "src/cli/main.ts", ...args],
      { env: { ...process.env, ...env }, timeout: 50_000 },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

beforeAll(async () => {
  sim = await simulator({ rateLimit: false });
  folder = await mkdtemp(join(tmpdir(), "coupa-cli-"));
  configPath = join(folder, "coupa.yaml");
  await writeFile(
    configPath,
    [
      "connection:",
      "  name: simulator",
      `  host: ${sim.baseUrl}`,
      "  cluster: au-1",
      "  auth:",
      "    type: oauth",
      `    clientId: ${sim.clientId}`,
      `    clientSecret: "${["$", "{SIM_SECRET}"].join("")}"`,
      "pool: { path: ./pool.duckdb }",
      "tables:",
      "  invoices: {}",
      "  suppliers: {}",
    ].join("\n"),
  );
});

afterAll(async () => {
  await sim.close();
  await rm(folder, { recursive: true, force: true });
});

describe("coupa-extractor connection and allowlist", () => {
  it("prints one passing line per check and exits 0", async () => {
    const result = await cli(["connection", "test", "--config", configPath], {
      SIM_SECRET: sim.clientSecret,
    });
    expect(result.stdout).toContain("Connection OK.");
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split("\n");
    expect(lines.map((l) => l.split(/\s+/).slice(0, 2).join(" "))).toEqual([
      "PASS dns",
      "PASS tcp",
      "SKIP tls",
      "PASS auth",
      "PASS table:invoices",
      "PASS table:suppliers",
      "Connection OK.",
    ]);
    expect(result.stdout + result.stderr).not.toContain(sim.clientSecret);
  });

  it("shows the normalized connection with the secret masked", async () => {
    const result = await cli(["connection", "show", "--config", configPath], {
      SIM_SECRET: sim.clientSecret,
    });
    expect(result.code).toBe(0);
    const shown = JSON.parse(result.stdout);
    expect(shown.auth).toEqual({
      type: "oauth",
      clientId: sim.clientId,
      clientSecret: `••••${sim.clientSecret.slice(-4)}`,
      scopes: ["core.invoice.read", "core.supplier.read"],
    });
    expect(result.stdout).not.toContain(sim.clientSecret);
  });

  it("exits 2 with the missing variable named when the config cannot be used", async () => {
    const result = await cli(["allowlist", "--config", configPath, "--json"], {
      SIM_SECRET: "",
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      "connection.auth.clientSecret: ••••: expected the OAuth client Secret",
    );
  });
});
