import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "./test-server.js";

describe("web UI", () => {
  let webRoot: string;
  let ts: TestServer;

  beforeAll(async () => {
    webRoot = mkdtempSync(join(tmpdir(), "coupa-web-"));
    mkdirSync(join(webRoot, "assets"));
    writeFileSync(join(webRoot, "index.html"), "<!doctype html><p>app</p>");
    writeFileSync(join(webRoot, "assets", "app.js"), "console.log(1)");
    ts = await startTestServer({ webRoot });
  });

  afterAll(async () => {
    await ts?.dispose();
    rmSync(webRoot, { recursive: true, force: true });
  });

  it("serves the built UI at / without a token", async () => {
    const index = await ts.server.app.inject("/");
    const asset = await ts.server.app.inject("/assets/app.js");
    expect(index.statusCode).toBe(200);
    expect(index.body).toContain("<p>app</p>");
    expect(asset.statusCode).toBe(200);
    expect(asset.headers["content-type"]).toContain("javascript");
  });

  it("answers client-side routes with index.html", async () => {
    const page = await ts.server.app.inject("/pools/pool_1/runs/run_2");
    expect(page.statusCode).toBe(200);
    expect(page.headers["content-type"]).toContain("text/html");
    expect(page.body).toContain("<p>app</p>");
  });

  it("keeps unknown API routes as JSON 404s, not the UI", async () => {
    const answer = await ts.call("GET", "/api/nothing-here");
    expect(answer.status).toBe(404);
    expect(answer.json().error.code).toBe("NOT_FOUND");
    expect(answer.json().error.message).toContain("/api/nothing-here");
  });
});
