import { describe, expect, it } from "vitest";
import { formatRunReport } from "../../src/extract/format-run-report.js";
import { ProgressDisplay } from "../../src/extract/progress-display.js";
import type {
  RunProgress,
  TableProgress,
} from "../../src/extract/run-progress.js";
import type { RunReport } from "../../src/extract/run-report.js";

function tableProgress(overrides: Partial<TableProgress>): TableProgress {
  return {
    table: "invoices",
    resource: "invoices",
    status: "running",
    mode: "full",
    resumed: false,
    rows: 1200,
    pages: 24,
    pagesPerSecond: 24.5,
    partitionsDone: 3,
    partitionsTotal: 12,
    etaSeconds: 75,
    ...overrides,
  };
}

function progress(tables: TableProgress[]): RunProgress {
  return {
    runId: "r1",
    status: "running",
    startedAt: new Date(0),
    elapsedMs: 1000,
    tables,
  };
}

class Sink {
  text = "";
  constructor(readonly isTTY: boolean) {}
  write(chunk: string) {
    this.text += chunk;
  }
}

describe("progress display", () => {
  it("redraws one line per table in place on a TTY", () => {
    const sink = new Sink(true);
    let now = 0;
    const display = new ProgressDisplay(sink, { now: () => now });
    display.update(
      progress([tableProgress({}), tableProgress({ table: "users" })]),
    );
    now = 1000;
    display.update(
      progress([
        tableProgress({ rows: 2400 }),
        tableProgress({ table: "users" }),
      ]),
    );
    expect(sink.text).toContain("\x1b[2A");
    expect(sink.text).toContain("2,400 rows");
    expect(sink.text).toContain("24.5 pages/s");
    expect(sink.text).toContain("ETA 1:15");
  });

  it("writes plain lines on status changes and at most once per interval", () => {
    const sink = new Sink(false);
    let now = 0;
    const display = new ProgressDisplay(sink, {
      now: () => now,
      plainIntervalMs: 5000,
    });
    for (let i = 0; i < 10; i++) {
      now = i * 100;
      display.update(progress([tableProgress({ rows: i })]));
    }
    now = 6000;
    display.update(progress([tableProgress({ rows: 99 })]));
    display.update(
      progress([tableProgress({ status: "done", etaSeconds: null })]),
    );
    const lines = sink.text.trim().split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[2]).toMatch(/^invoices\s+done\s+full/);
    expect(sink.text).not.toContain("\x1b[");
  });
});

describe("run report", () => {
  it("shows counts per table, each failure with its code, and the totals", () => {
    const report: RunReport = {
      runId: "r1",
      status: "failed",
      startedAt: "2026-01-01T00:00:00.000Z",
      finishedAt: "2026-01-01T00:00:10.000Z",
      durationMs: 10_000,
      tables: [
        {
          table: "invoices",
          resource: "invoices",
          mode: "delta",
          status: "done",
          resumed: true,
          rowsInserted: 12,
          rowsUpdated: 1500,
          rowsDeleted: 3,
          pages: 31,
          requests: 40,
          retries: 2,
          throttled: 1,
          schemaChanges: 0,
          watermark: "2026-01-01T00:00:00.000Z",
          durationMs: 9000,
        },
        {
          table: "suppliers",
          resource: "suppliers",
          mode: null,
          status: "failed",
          resumed: false,
          rowsInserted: 0,
          rowsUpdated: 0,
          rowsDeleted: 0,
          pages: 0,
          requests: 1,
          retries: 0,
          throttled: 0,
          schemaChanges: 0,
          watermark: null,
          durationMs: 100,
          error: {
            code: "SCOPE_MISSING",
            message: "add core.supplier.read",
            retryable: false,
          },
        },
      ],
      totals: { rows: 1512, requests: 41, retries: 2, throttled: 1 },
    };
    const text = formatRunReport(report);
    expect(text).toMatch(
      /invoices\s+delta \(resumed\)\s+done\s+12\s+1,500\s+3\s+31\s+40\s+2\s+1\s+9\.0s/,
    );
    expect(text).toContain("suppliers: SCOPE_MISSING: add core.supplier.read");
    expect(text).toContain("Run r1 failed in 10.0s: 1,512 rows, 41 requests");
  });
});
