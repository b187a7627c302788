import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAgentProcess } from "./agent-process.js";
import { type HubHarness, startHub } from "./hub-harness.js";
import { startUpstream, type UpstreamServer } from "./upstream-server.js";

let service: HubHarness;
let upstream: UpstreamServer;
let dir: string;

beforeAll(async () => {
  service = await startHub();
  upstream = await startUpstream();
  dir = await mkdtemp(path.join(tmpdir(), "agent-cli-"));
});

afterAll(async () => {
  await service.close();
  await upstream.close();
  await rm(dir, { recursive: true, force: true });
});

describe("coupa-extractor agent", () => {
  it("exits 2 when the allowlist is empty, saying how to add the Coupa host", async () => {
    const agent = startAgentProcess(["--server", service.url], "cxa_token");

    expect(await agent.exited).toBe(2);
    expect(agent.stderr()).toContain(
      "the allowlist is empty, so every request would be refused. Add " +
        "your Coupa host: --allow-host acme.coupahost.com",
    );
  });

  it("serves hosts from an allowlist file and stops cleanly on SIGTERM", async () => {
    const file = path.join(dir, "allowlist.txt");
    await writeFile(file, "# upstream for the test\n127.0.0.1\n");
    const created = service.registry.create("from-file");
    const agent = startAgentProcess(
      ["--server", service.url, "--allowlist-file", file],
      created.token,
    );
    await service.online(created.id);

    const response = await service.hub.transportFor(created.id).request({
      method: "GET",
      url: `${upstream.origin}/echo`,
      headers: {},
      timeoutMs: 10_000,
    });
    await agent.kill("SIGTERM");

    expect(response.status).toBe(200);
    expect(await agent.exited).toBe(0);
    expect(service.hub.status(created.id)?.state).toBe("offline");
  });
});
