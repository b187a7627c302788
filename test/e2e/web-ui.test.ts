/**
 * The web UI end to end, the way a data team uses it: sign in, create a
 * pool, add and test a Coupa connection, create and run a job, watch it,
 * preview a table. Real server, real Coupa simulator, real Chromium. The
 * steps share one browser page and run in order.
 */
import type { Page, Request } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { tabUntil } from "./support/field-order.js";
import {
  type LaunchedBrowser,
  launchBrowser,
} from "./support/launch-browser.js";
import { saveScreenshot } from "./support/save-screenshot.js";
import { type E2eStack, startStack } from "./support/start-stack.js";

/** How long to wait for the page to catch up on a loaded machine. */
const POLL = { timeout: 20_000, interval: 100 };

/** Tables the job extracts; invoices has more rows than a preview page. */
const JOB_TABLES = ["invoices", "suppliers"] as const;

describe("the web UI against the server and the Coupa simulator", () => {
  let stack: E2eStack;
  let browser: LaunchedBrowser;
  let page: Page;
  const requests: Request[] = [];
  /** Names of the server-sent events the page received, in order. */
  const streamed: string[] = [];

  beforeAll(async () => {
    stack = await startStack();
    browser = await launchBrowser();
    page = await browser.context.newPage();
    // The machine is shared; a run or a page may take a while to settle.
    page.setDefaultTimeout(45_000);
    page.on("request", (request) => requests.push(request));
    const devtools = await browser.context.newCDPSession(page);
    await devtools.send("Network.enable");
    devtools.on("Network.eventSourceMessageReceived", (message) => {
      streamed.push(message.eventName);
    });
  });

  afterEach(async ({ task }) => {
    if (task.result?.state !== "fail" || !page) return;
    const name = task.name.replace(/[^a-z0-9]+/gi, "-").slice(0, 60);
    await saveScreenshot(page, `failed-${name}`);
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it("refuses a wrong API token next to the token field", async () => {
    await page.goto(stack.baseUrl);
    await page.getByLabel("API token").fill("cxt_not-a-real-token");
    await page.getByRole("button", { name: "Sign in" }).click();

    const error = page.locator("#api-token-error");
    await error.waitFor();
    expect(await error.textContent()).toContain("did not accept");
    expect(
      await page.getByLabel("API token").getAttribute("aria-invalid"),
    ).toBe("true");
    await saveScreenshot(page, "01-sign-in-error");
  });

  it("signs in with a token and keeps it across a reload", async () => {
    await page.getByLabel("API token").fill(stack.token);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { level: 1, name: "Data pools" }).waitFor();

    await page.reload();
    await page.getByRole("heading", { level: 1, name: "Data pools" }).waitFor();
    const kept = await page.evaluate(() =>
      window.localStorage.getItem("coupa-extractor.api-token"),
    );
    expect(kept).toBe(stack.token);
  });

  it("shows the server's validation error next to the field it names", async () => {
    await page.getByRole("button", { name: "Create data pool" }).click();

    const error = page.locator("#pool-name-error");
    await error.waitFor();
    expect(await error.textContent()).toContain("Give the data pool a name");
    expect(await page.locator("#pool-name").getAttribute("aria-invalid")).toBe(
      "true",
    );
    expect(await page.getByRole("alert").count()).toBe(1);
    await saveScreenshot(page, "02-pools-validation-error");
  });

  it("creates a data pool with a memory limit and opens it", async () => {
    await page.locator("#pool-name").fill("Procurement");
    await page.locator("#pool-description").fill("Coupa purchase to pay");
    await page.locator("#pool-memory").fill("32");
    await page.getByRole("button", { name: "Create data pool" }).click();
    const error = page.locator("#pool-memory-error");
    await error.waitFor();
    expect(await error.textContent()).toContain("64 or more");

    await page.locator("#pool-memory").fill("100");
    await page.getByRole("button", { name: "Create data pool" }).click();
    await page
      .getByRole("heading", { level: 1, name: "Procurement" })
      .waitFor();
    expect(await page.getByText("No connections yet").count()).toBe(1);
    expect(
      await page.getByText("Runs cap DuckDB's memory at 100 MB.").count(),
    ).toBe(1);
    await saveScreenshot(page, "03-pool-empty");
  });

  it("reaches every connection field and the save button with Tab alone, focus visible", async () => {
    await page.getByRole("link", { name: "Add data connection" }).click();
    await page.locator("#conn-name").waitFor();
    await page
      .getByRole("heading", { level: 1, name: "Add data connection" })
      .focus();

    const stops = await tabUntil(page, (stop) =>
      stop.key.startsWith("button:Save connection"),
    );
    const keys = stops.map((stop) => stop.key);
    const expected = [
      "conn-name",
      "conn-mode-direct",
      "conn-host",
      "auth-type-oauth",
      "conn-client-id",
      "conn-client-secret",
      "summary:Tables this connection will read",
      "conn-scopes",
      "conn-api-version",
      "conn-cluster",
      "button:Copy addresses",
      "conn-source-address",
      "conn-requestsPerSecond",
      "conn-burst",
      "conn-maxParallelRequests",
      "conn-allow-insecure",
      "button:Test connection",
      "button:Save connection",
    ];
    const positions = expected.map((want) =>
      keys.findIndex((key) => key.startsWith(want)),
    );
    expect(
      positions.every((at) => at >= 0),
      keys.join(" → "),
    ).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    for (const stop of stops) {
      expect(stop.focusVisible, `focus ring on ${stop.key}`).toBe(true);
      expect(stop.styled, `focus style on ${stop.key}`).toBe(true);
    }
  });

  it("prefills the minimal read scopes and warns that API keys are retiring", async () => {
    const meta = await stack.api<{
      resources: { name: string; scope: string }[];
    }>("/api/meta");
    const minimal = [...new Set(meta.resources.map((r) => r.scope))].sort();
    const scopes = await page.locator("#conn-scopes").inputValue();
    expect(scopes.split(" ")).toEqual(minimal);
    expect(await page.locator("#conn-api-version").inputValue()).toBe(
      (await stack.api<{ latestApiVersion: string }>("/api/meta"))
        .latestApiVersion,
    );

    await page.getByLabel("API key (legacy)").check();
    expect(await page.locator("#api-key-warning").textContent()).toContain(
      "retiring API keys",
    );
    await saveScreenshot(page, "04-connection-api-key-note");
    await page.getByLabel("OAuth 2.0 client credentials").check();
  });

  it("lists the cluster's egress addresses and copies them for the allowlist", async () => {
    const meta = await stack.api<{
      clusters: { name: string; egress: string[] }[];
    }>("/api/meta");
    const cluster = meta.clusters[0];
    expect(cluster).toBeDefined();
    const shown = await page.locator(".egress code").allTextContents();
    expect(shown).toEqual(cluster?.egress);

    await browser.context.grantPermissions(
      ["clipboard-read", "clipboard-write"],
      { origin: stack.baseUrl },
    );
    await page.getByRole("button", { name: "Copy addresses" }).click();
    await page.getByText(`Copied ${shown.length} addresses.`).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(shown.join("\n"));
  });

  it("tests the connection to the simulator and shows every check passing", async () => {
    await page.locator("#conn-name").fill("Simulated Coupa");
    await page.locator("#conn-host").fill(stack.simulator.url);
    await page.locator("#conn-client-id").fill(stack.simulator.clientId);
    await page
      .locator("#conn-client-secret")
      .fill(stack.simulator.clientSecret);
    await page.getByLabel("Allow plain http://").check();
    await page.getByText("Tables this connection will read").click();
    await page.getByRole("button", { name: "Clear" }).click();
    for (const table of JOB_TABLES) {
      await page.locator(`#conn-plan-${table}`).check();
    }
    expect(await page.locator("#conn-scopes").inputValue()).toBe(
      "core.invoice.read core.supplier.read",
    );
    await page.getByRole("button", { name: "Test connection" }).click();

    await page.locator(".check-results").waitFor();
    const names = await page.locator(".check-name").allTextContents();
    const statuses = await page.locator(".check .badge").allTextContents();
    const outcome = Object.fromEntries(names.map((n, i) => [n, statuses[i]]));
    // Plain http to loopback has no TLS to check: the only skip allowed.
    expect(outcome).toEqual({
      ...Object.fromEntries(names.map((name) => [name, "pass"])),
      tls: "skip",
    });
    for (const table of JOB_TABLES) {
      expect(outcome[`table:${table}`], table).toBe("pass");
    }
    expect(await page.locator(".summary").textContent()).toContain(
      "every check passed",
    );
    await saveScreenshot(page, "05-connection-tested");
  });

  it("shows a bad host's error next to the host field, then saves the connection", async () => {
    await page.locator("#conn-host").fill("not a host!");
    await page.getByRole("button", { name: "Save connection" }).click();
    await page.locator("#conn-host-error").waitFor();
    await saveScreenshot(page, "06-connection-host-error");

    await page.locator("#conn-host").fill(stack.simulator.url);
    await page.getByRole("button", { name: "Save connection" }).click();
    await page
      .getByRole("heading", { level: 1, name: "Procurement" })
      .waitFor();
    await page.getByRole("link", { name: "Simulated Coupa" }).waitFor();
    const saved = await stack.api<{ auth: { clientSecret: string } }[]>(
      `/api/pools/${poolIdOf(page)}/connections`,
    );
    expect(saved[0]?.auth.clientSecret).not.toContain(
      stack.simulator.clientSecret,
    );
  });

  it("creates a job with a few tables, runs it and shows live progress", async () => {
    await page.getByRole("link", { name: "New job" }).click();
    await page.locator("#job-name").fill("Master data");
    for (const table of JOB_TABLES) {
      await page.locator(`#job-table-${table}`).check();
    }
    await page.locator("#job-mode").selectOption("full");
    await saveScreenshot(page, "07-job-form");
    await page.getByRole("button", { name: "Save job" }).click();
    await page
      .getByRole("heading", { level: 1, name: "Job Master data" })
      .waitFor();
    // Slower answers make the run last a few progress intervals.
    stack.simulator.setLatency(500);
    try {
      await page.getByRole("button", { name: "Run now", exact: true }).click();
      await page.getByRole("heading", { level: 1, name: /^Run / }).waitFor();
      await page.locator("[data-progress-table]").first().waitFor();
      await page.locator(".run-summary .badge-succeeded").waitFor();
    } finally {
      stack.simulator.setLatency(0);
    }
    await saveScreenshot(page, "08-run-finished");

    const streams = requests.filter((r) => r.url().includes("/events?token="));
    expect(streams.length).toBeGreaterThan(0);
    // The stream opens with the stored progress; more means live updates.
    const progress = streamed.filter((name) => name === "progress");
    expect(progress.length).toBeGreaterThan(1);
    expect(streamed.at(-1)).toBe("done");
    const progressRows = await page.locator("[data-progress-table]").count();
    expect(progressRows).toBe(JOB_TABLES.length);
  });

  it("reports each table's rows, matching the simulator's ground truth", async () => {
    for (const table of JOB_TABLES) {
      const row = page.locator(`[data-report-table="${table}"]`);
      await row.waitFor();
      const inserted = await row.locator("td").nth(2).textContent();
      expect(Number(inserted?.replace(/,/g, "")), table).toBe(
        stack.simulator.count(table),
      );
    }
    expect(await page.locator(".run-log li").count()).toBeGreaterThan(0);
  });

  it("lists the pool's tables with their row counts", async () => {
    await page.getByRole("link", { name: "Procurement", exact: true }).click();
    for (const table of JOB_TABLES) {
      const row = page.locator(`tr[data-table="${table}"]`);
      await row.waitFor();
      const rows = await row.locator("td").nth(1).textContent();
      expect(Number(rows?.replace(/,/g, "")), table).toBe(
        stack.simulator.count(table),
      );
    }
    await saveScreenshot(page, "09-pool-with-tables");
  });

  it("previews a table's rows page by page", async () => {
    const total = stack.simulator.count("invoices");
    await page.getByRole("link", { name: "invoices", exact: true }).click();
    await page
      .getByRole("heading", { level: 1, name: "Table invoices" })
      .waitFor();

    const firstPage = Math.min(50, total);
    await expect
      .poll(() => page.locator(".rows-table tbody tr").count(), POLL)
      .toBe(firstPage);
    expect(await page.locator(".pager-status").textContent()).toBe(
      `Rows 1–${firstPage} of ${total}`,
    );
    const headers = await page.locator(".rows-table th").allTextContents();
    const idColumn = headers.indexOf("id");
    const ids = await page
      .locator(`.rows-table tbody tr td:nth-child(${idColumn + 1})`)
      .allTextContents();
    const known = stack.simulator.ids("invoices");
    expect(new Set(ids).size).toBe(firstPage);
    expect(ids.filter((id) => !known.has(id))).toEqual([]);
    await saveScreenshot(page, "10-table-preview");

    const tables = await stack.api<{ name: string; columns: unknown[] }[]>(
      `/api/pools/${poolIdOf(page)}/tables`,
    );
    const columns = tables.find((t) => t.name === "invoices")?.columns;
    await page.getByLabel("Hide columns that are empty on this page").uncheck();
    expect(await page.locator(".rows-table th").count()).toBe(columns?.length);

    if (total > 50) {
      await page.getByRole("button", { name: "Next page" }).click();
      await expect
        .poll(() => page.locator(".pager-status").textContent(), POLL)
        .toBe(`Rows 51–${Math.min(100, total)} of ${total}`);
    }
  });

  it("opens the saved connection with its secret masked and tests it as saved", async () => {
    await page.getByRole("link", { name: "Procurement", exact: true }).click();
    await page.getByRole("link", { name: "Simulated Coupa" }).click();
    await page
      .getByRole("heading", { level: 1, name: "Data connection" })
      .waitFor();

    expect(await page.locator("#conn-client-secret").inputValue()).toBe("");
    const hint = await page.locator("#conn-client-secret-hint").textContent();
    expect(hint).toMatch(/Saved secret •+\w{1,4}\. Leave blank to keep it\./);
    expect(hint).not.toContain(stack.simulator.clientSecret);

    await page.getByRole("button", { name: "Test connection" }).click();
    await page.locator(".check-results").waitFor();
    expect(await page.locator(".summary").textContent()).toContain(
      "every check passed",
    );
    await saveScreenshot(page, "11-connection-saved-tested");
  });

  it("shows a bad schedule and a bad table name next to their fields, then schedules the job", async () => {
    await page.getByRole("link", { name: "Procurement", exact: true }).click();
    await page.getByRole("link", { name: "Master data" }).click();
    await page
      .getByRole("heading", { level: 1, name: "Job Master data" })
      .waitFor();
    await page.getByText("Settings for invoices").click();
    await page.locator("#job-invoices-target").fill("Bad-Name");
    await page.locator("#job-schedule").fill("every night");
    await page.getByRole("button", { name: "Save changes" }).click();

    await page.locator("#job-schedule-error").waitFor();
    await page.locator("#job-invoices-target-error").waitFor();
    expect(
      await page.locator("#job-schedule").getAttribute("aria-invalid"),
    ).toBe("true");
    await saveScreenshot(page, "12-job-validation-errors");

    await page.locator("#job-invoices-target").fill("");
    await page.locator("#job-schedule").fill("0 2 * * *");
    await page.getByRole("button", { name: "Save changes" }).click();
    await page.getByRole("status").getByText("Changes saved.").waitFor();
    expect(await page.locator(".field-error").count()).toBe(0);
    const job = await stack.api<{ id: string; schedule: string | null }[]>(
      `/api/pools/${poolIdOf(page)}/jobs`,
    );
    expect(job[0]?.schedule).toBe("0 2 * * *");
  });

  it("cancels a running run from its page", async () => {
    // Slow answers keep the run going long enough to cancel it.
    stack.simulator.setLatency(1500);
    try {
      await page.getByRole("button", { name: "Run now", exact: true }).click();
      await page.getByRole("heading", { level: 1, name: /^Run / }).waitFor();
      await page.getByRole("button", { name: "Cancel run" }).click();
      await page.locator(".run-summary .badge-cancelled").waitFor();
    } finally {
      stack.simulator.setLatency(0);
    }
    const runId = /runs\/([^/]+)$/.exec(page.url())?.[1];
    const run = await stack.api<{ status: string }>(`/api/runs/${runId}`);
    expect(run.status).toBe("cancelled");
    expect(await page.getByRole("button", { name: "Cancel run" }).count()).toBe(
      0,
    );
    await saveScreenshot(page, "13-run-cancelled");
  });

  it("adds a connection with the keyboard alone", async () => {
    await page.goto(`${stack.baseUrl}/#/pools/${poolIdOf(page)}`);
    await page
      .getByRole("heading", { level: 1, name: "Procurement" })
      .waitFor();
    await tabTo(page, "a:Add data connection");
    await page.keyboard.press("Enter");
    await page
      .getByRole("heading", { level: 1, name: "Add data connection" })
      .waitFor();

    await tabTo(page, "conn-name");
    await page.keyboard.type("Keyboard Coupa");
    await tabTo(page, "conn-host");
    await page.keyboard.type(stack.simulator.url);
    await tabTo(page, "conn-client-id");
    await page.keyboard.type(stack.simulator.clientId);
    await tabTo(page, "conn-client-secret");
    await page.keyboard.type(stack.simulator.clientSecret);
    await tabTo(page, "conn-allow-insecure");
    await page.keyboard.press("Space");
    await tabTo(page, "button:Save connection");
    await page.keyboard.press("Enter");

    await page
      .getByRole("heading", { level: 1, name: "Procurement" })
      .waitFor();
    await page.getByRole("link", { name: "Keyboard Coupa" }).waitFor();
    const saved = await stack.api<{ name: string; host: string }[]>(
      `/api/pools/${poolIdOf(page)}/connections`,
    );
    expect(saved.map((c) => c.name).sort()).toEqual([
      "Keyboard Coupa",
      "Simulated Coupa",
    ]);
  });

  it("deletes the data pool once the user confirms", async () => {
    page.once("dialog", (dialog) => void dialog.accept());
    await page.getByRole("button", { name: "Delete data pool" }).click();

    await page.getByRole("heading", { level: 1, name: "Data pools" }).waitFor();
    await page.getByText("No data pools yet").waitFor();
    expect(await stack.api<unknown[]>("/api/pools")).toEqual([]);
  });

  it("creates an agent and shows its start command, token included, only once", async () => {
    await page.getByRole("link", { name: "Agents" }).click();
    await page.getByRole("heading", { level: 1, name: "Agents" }).waitFor();
    await page.getByLabel("Name").fill("plant-7");
    await page.getByRole("button", { name: "Create agent" }).click();

    const command = page.locator(".one-time-command code");
    await command.waitFor();
    const text = await command.textContent();
    expect(text).toMatch(
      new RegExp(
        `^coupa-extractor agent --server ${stack.baseUrl} --token cxa_\\S+ --allow-host `,
      ),
    );
    await browser.context.grantPermissions(
      ["clipboard-read", "clipboard-write"],
      { origin: stack.baseUrl },
    );
    await page.getByRole("button", { name: "Copy command" }).click();
    await page.getByText("Command copied.").waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
      text,
    );

    await page.getByRole("button", { name: "I have copied it" }).click();
    const row = page.getByRole("row", { name: /plant-7/ });
    await row.getByText("offline").waitFor();
    await page.reload();
    await page.getByRole("row", { name: /plant-7/ }).waitFor();
    const token = /--token (\S+)/.exec(text ?? "")?.[1] ?? "";
    expect(token).not.toBe("");
    expect(await page.content()).not.toContain(token);
    expect(await command.count()).toBe(0);
  });
});

/** Tabs forward until the element with this key has focus. */
async function tabTo(page: Page, key: string): Promise<void> {
  const stops = await tabUntil(page, (stop) => stop.key.startsWith(key));
  const last = stops.at(-1);
  if (!last?.key.startsWith(key)) {
    const path = stops.map((stop) => stop.key).join(" → ");
    throw new Error(`Tab never reached ${key}: ${path}`);
  }
}

function poolIdOf(page: Page): string {
  const match = /#\/pools\/([^/]+)/.exec(page.url());
  if (!match?.[1]) throw new Error(`No pool id in ${page.url()}`);
  return match[1];
}
