import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "./support/extraction-harness.js";
import { runCli, startCli, writeConfig } from "./support/run-cli.js";

describe("extract command", () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness({ size: 100, seed: 3 });
  });
  afterAll(async () => {
    await harness.close();
  });

  it("exits 0 with plain progress lines and a run report when not on a TTY", async () => {
    const config = await writeConfig(harness, { invoices: {}, users: {} });
    const result = await runCli(["extract", "--config", config]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^invoices\s+running\s+full/m);
    expect(result.stdout).toMatch(/^invoices\s+done\s+full\s+100 rows/m);
    expect(result.stdout).not.toContain("\x1b[");
    expect(result.stdout).toMatch(/table\s+mode\s+status\s+inserted/);
    expect(result.stdout).toMatch(/Run \S+ succeeded/);
  });

  it("prints the report as JSON with --json", async () => {
    const config = await writeConfig(harness, { invoices: {} });
    const result = await runCli([
      "extract",
      "--config",
      config,
      "--delta",
      "--json",
    ]);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.status).toBe("succeeded");
    expect(report.tables[0].mode).toBe("delta");
  });

  it("exits 1 when a table fails, after finishing the others", async () => {
    const pool = path.join(harness.dir, "scoped.duckdb");
    const config = await writeConfig(
      harness,
      { invoices: {}, suppliers: {} },
      {
        name: "scoped.json",
        poolPath: pool,
        auth: {
          type: "oauth",
          clientId: harness.sim.clientId,
          clientSecret: harness.sim.clientSecret,
          scopes: ["core.invoice.read"],
        },
      },
    );
    const result = await runCli(["extract", "--config", config, "--json"]);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    const byTable = Object.fromEntries(
      report.tables.map((t: { table: string }) => [t.table, t]),
    );
    expect(byTable.invoices.status).toBe("done");
    expect(byTable.suppliers.status).toBe("failed");
    expect(byTable.suppliers.error.code).toBe("SCOPE_MISSING");
    expect(byTable.suppliers.error.message).toContain("core.supplier.read");
  });

  it("refuses bad configs with exit 2 before sending any request", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ invoicez: {} }, 'unknown table "invoicez"'],
      [{ invoices: { columns: ["id", "totl"] } }, 'Unknown column "totl"'],
      [
        { invoices: { filter: "status[likes]=approved" } },
        'unknown operator "likes"',
      ],
    ];
    for (const [tables, message] of cases) {
      harness.sim.admin.clearRequestLog();
      const config = await writeConfig(harness, tables, { name: "bad.json" });
      const result = await runCli(["extract", "--config", config]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(message);
      expect(harness.sim.admin.requestLog()).toEqual([]);
    }
  });

  it("refuses an unwritable pool path with exit 2 before any request", async () => {
    // A folder that is a file cannot be created, even by root.
    const file = path.join(harness.dir, "not-a-folder");
    await writeFile(file, "");
    const poolPath = path.join(file, "sub", "p.duckdb");
    harness.sim.admin.clearRequestLog();
    const config = await writeConfig(
      harness,
      { invoices: {} },
      { name: "locked.json", poolPath },
    );
    const result = await runCli(["extract", "--config", config]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(poolPath);
    expect(harness.sim.admin.requestLog()).toEqual([]);
  });

  it("exports every pool table to Parquet", async () => {
    const out = path.join(harness.dir, "parquet");
    const result = await runCli([
      "export",
      "--pool",
      harness.poolPath,
      "--format",
      "parquet",
      "--out",
      out,
    ]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^invoices: 100 rows -> .*invoices\.parquet$/m,
    );
    expect(existsSync(path.join(out, "invoices__invoice_lines.parquet"))).toBe(
      true,
    );
    const csv = await runCli([
      "export",
      "--pool",
      harness.poolPath,
      "--format",
      "csv",
      "--out",
      out,
    ]);
    expect(csv.code).toBe(2);
    expect(csv.stderr).toContain('Unknown format "csv"');
  });

  it("refuses --full with --delta as a usage error", async () => {
    const config = await writeConfig(harness, { invoices: {} });
    const result = await runCli([
      "extract",
      "--config",
      config,
      "--full",
      "--delta",
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--full and --delta exclude each other");
  });

  it("exits 130 on SIGINT keeping checkpoints, and the next run resumes", async () => {
    harness.sim.admin.setSwitches({ latencyMs: 150 });
    try {
      const pool = path.join(harness.dir, "interrupted.duckdb");
      const config = await writeConfig(
        harness,
        { invoices: {}, approvals: {} },
        { name: "interrupted.json", poolPath: pool },
      );
      const cli = startCli(["extract", "--config", config]);
      await cli.waitFor("running");
      cli.child.kill("SIGINT");
      const result = await cli.done;
      expect(result.code).toBe(130);
      expect(result.stdout).toMatch(/cancelled/);

      const again = await runCli(["extract", "--config", config, "--json"]);
      expect(again.code).toBe(0);
      const report = JSON.parse(again.stdout);
      expect(report.tables.some((t: { resumed: boolean }) => t.resumed)).toBe(
        true,
      );
    } finally {
      harness.sim.admin.setSwitches({ latencyMs: 0 });
    }
  });
});
