import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { afterEach, describe, expect, it, vi } from "vitest";
import { registerToken } from "../../src/cli/commands/token.js";
import { startTestServer, type TestServer } from "./test-server.js";

/** Runs `coupa-extractor token ...` in-process; returns what it printed. */
async function tokenCommand(args: string[]): Promise<string[]> {
  const printed: string[] = [];
  const log = vi
    .spyOn(console, "log")
    .mockImplementation((line: string) => void printed.push(line));
  const error = vi.spyOn(console, "error").mockImplementation(() => {});
  try {
    const program = new Command("coupa-extractor").exitOverride();
    registerToken(program);
    await program.parseAsync(["node", "coupa-extractor", "token", ...args]);
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
  return printed;
}

describe("token command", () => {
  const dirs: string[] = [];
  const servers: TestServer[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) await server.dispose();
    for (const dir of dirs.splice(0))
      rmSync(dir, { recursive: true, force: true });
  });

  it("creates a token the server accepts, lists it without its value and revokes it", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "coupa-token-"));
    dirs.push(dataDir);

    const [token] = await tokenCommand([
      "create",
      "--name",
      "ci",
      "--data-dir",
      dataDir,
    ]);
    const ts = await startTestServer({ dataDir, token });
    servers.push(ts);
    expect((await ts.call("GET", "/api/pools")).status).toBe(200);

    const listed = (await tokenCommand(["list", "--data-dir", dataDir])).join(
      "\n",
    );
    expect(listed).toContain("ci");
    expect(listed).toContain("active");
    expect(listed).not.toContain(token);

    await tokenCommand(["revoke", "ci", "--data-dir", dataDir]);
    expect((await ts.call("GET", "/api/pools")).status).toBe(401);
  });
});
