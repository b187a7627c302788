import { describe, expect, it } from "vitest";
import { parseExtractionConfig } from "../../src/extract/extraction-config.js";
import { ExtractionConfigError } from "../../src/extract/extraction-config-error.js";
import { parseFilterConditions } from "../../src/extract/filter-conditions.js";
import { parseDuration } from "../../src/extract/parse-duration.js";

const connection = {
  name: "acme",
  host: "http://127.0.0.1:9",
  auth: { type: "oauth", clientId: "id", clientSecret: "secret-value-1234" },
};

function configWith(tables: Record<string, unknown>) {
  return { connection, pool: { path: "pool.duckdb" }, tables };
}

function issuesOf(input: unknown): readonly string[] {
  try {
    parseExtractionConfig(input);
  } catch (error) {
    if (error instanceof ExtractionConfigError) return error.issues;
    throw error;
  }
  throw new Error("expected the config to be refused");
}

describe("extraction config", () => {
  it("fills defaults and resolves the pool path from the base folder", () => {
    const config = parseExtractionConfig(configWith({ invoices: null }), {
      baseDir: "/srv/pools",
    });
    expect(config.poolPath).toBe("/srv/pools/pool.duckdb");
    expect(config.safetyMarginMs).toBe(60_000);
    expect(config.tables).toEqual([
      {
        resource: "invoices",
        target: "invoices",
        filter: [],
        pseudonymize: [],
        lookbackMs: 3_600_000,
        detectDeletes: false,
        drift: "evolve",
      },
    ]);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it("reads lookback, filter, columns and drift of a table", () => {
    const config = parseExtractionConfig(
      configWith({
        invoices: {
          lookback: "2h",
          filter: "status[in]=approved,voided&supplier[name][starts_with]=A",
          columns: ["id", "status", { invoice_lines: ["id", "total"] }],
          drift: "fail",
          detectDeletes: true,
          target: "coupa_invoices",
        },
      }),
    );
    const table = config.tables[0];
    expect(table?.lookbackMs).toBe(7_200_000);
    expect(table?.target).toBe("coupa_invoices");
    expect(table?.filter).toEqual([
      ["status[in]", "approved,voided"],
      ["supplier[name][starts_with]", "A"],
    ]);
    expect(table?.drift).toBe("fail");
    expect(table?.detectDeletes).toBe(true);
  });

  it("names an unknown table and suggests the close one", () => {
    const [issue] = issuesOf(configWith({ invoicez: {} }));
    expect(issue).toContain('unknown table "invoicez"');
    expect(issue).toContain("did you mean invoices");
  });

  it("refuses embedded invoice payments and says to extract invoices", () => {
    const [issue] = issuesOf(configWith({ invoice_payments: {} }));
    expect(issue).toContain("embedded in invoices; extract invoices instead");
  });

  it("reports every bad column, filter field and operator at once", () => {
    const issues = issuesOf(
      configWith({
        invoices: {
          columns: ["id", "invoice_numbr", "statuss"],
          filter: {
            "status[likes]": "approved",
            "supplier[nmae]": "Acme",
            "created_at[contains]": "2025",
          },
          lookback: "soon",
        },
      }),
    );
    const text = issues.join("\n");
    expect(text).toContain('unknown operator "likes"');
    expect(text).toContain('unknown field "nmae"');
    expect(text).toContain("did you mean name");
    expect(text).toContain("refuses [contains] on datetime fields");
    expect(text).toContain('Unknown column "invoice_numbr"');
    expect(text).toContain('Unknown column "statuss"');
    expect(text).toContain("tables.invoices.lookback");
    expect(issues.length).toBeGreaterThanOrEqual(6);
  });

  it("accepts filters through associations, collections and _id keys", () => {
    const config = parseExtractionConfig(
      configWith({
        invoices: {
          filter: {
            supplier_id: 12,
            invoice_lines: { account: { code: { starts_with: "A" } } },
            updated_at: { gt_or_eq: "2025-01-01T00:00:00+00:00" },
            "status[not_in]": ["voided", "draft"],
          },
        },
      }),
    );
    expect(config.tables[0]?.filter).toEqual([
      ["supplier_id", "12"],
      ["invoice_lines[account][code][starts_with]", "A"],
      ["updated_at[gt_or_eq]", "2025-01-01T00:00:00+00:00"],
      ["status[not_in]", "voided,draft"],
    ]);
  });

  it("reports connection problems together with table problems", () => {
    const issues = issuesOf({
      connection: { ...connection, host: "ftp://acme" },
      pool: { path: "p.duckdb" },
      tables: { nope: {} },
    });
    expect(issues.some((i) => i.startsWith("connection.host"))).toBe(true);
    expect(issues.some((i) => i.includes('unknown table "nope"'))).toBe(true);
  });

  it("reads the pool's memory limit, absent by default", () => {
    expect(
      parseExtractionConfig(configWith({ invoices: {} })).memoryLimitMb,
    ).toBeUndefined();
    const config = parseExtractionConfig({
      connection,
      pool: { path: "pool.duckdb", memoryLimitMb: 100 },
      tables: { invoices: {} },
    });
    expect(config.memoryLimitMb).toBe(100);
  });

  it("refuses a memory limit under 64 MB or not whole, naming the field", () => {
    for (const memoryLimitMb of [32, 100.5, "100"]) {
      const issues = issuesOf({
        connection,
        pool: { path: "pool.duckdb", memoryLimitMb },
        tables: { invoices: {} },
      });
      expect(issues.join()).toMatch(/pool\.memoryLimitMb/);
    }
    const issues = issuesOf({
      connection,
      pool: { path: "pool.duckdb", memoryLimitMb: 32 },
      tables: { invoices: {} },
    });
    expect(issues.join()).toContain("expected at least 64 (MB)");
  });

  it("refuses two tables writing to one target", () => {
    const issues = issuesOf(
      configWith({
        invoices: { target: "docs" },
        suppliers: { target: "docs" },
      }),
    );
    expect(issues.join()).toContain('"docs" is also the table of invoices');
  });
});

describe("filter conditions", () => {
  it("reads Coupa's query syntax and decodes escaped values", () => {
    expect(
      parseFilterConditions("status=approved&supplier[name]=A%26B").conditions,
    ).toEqual([
      ["status", "approved"],
      ["supplier[name]", "A&B"],
    ]);
  });

  it("reports a condition without a value", () => {
    expect(parseFilterConditions("status").issues[0]).toContain("no value");
  });
});

describe("durations", () => {
  it("reads units and plain milliseconds, and refuses the rest", () => {
    expect(parseDuration("15m")).toBe(900_000);
    expect(parseDuration("1d")).toBe(86_400_000);
    expect(parseDuration("30s")).toBe(30_000);
    expect(parseDuration(2500)).toBe(2500);
    expect(parseDuration("soon")).toBeUndefined();
    expect(parseDuration(-1)).toBeUndefined();
  });
});
