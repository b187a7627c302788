import type { ColumnType } from "../normalize/row-batch.js";

/**
 * DuckDB's spelling of a column type, as `duckdb_columns()` reports it
 * (so spellings compare equal).
 *
 * @example
 * duckDbColumnType({ kind: "decimal", precision: 30, scale: 4 }); // "DECIMAL(30,4)"
 */
export function duckDbColumnType(type: ColumnType): string {
  switch (type.kind) {
    case "varchar":
      return "VARCHAR";
    case "bigint":
      return "BIGINT";
    case "double":
      return "DOUBLE";
    case "boolean":
      return "BOOLEAN";
    case "timestamptz":
      return "TIMESTAMP WITH TIME ZONE";
    case "date":
      return "DATE";
    case "json":
      return "JSON";
    case "decimal":
      return `DECIMAL(${type.precision},${type.scale})`;
  }
}

/**
 * The column type of a DuckDB spelling; VARCHAR for types the pool does
 * not create (someone altered the table by hand), which widening then
 * treats as text.
 */
export function columnTypeFromDuckDb(spelling: string): ColumnType {
  const upper = spelling.toUpperCase();
  const decimal = /^DECIMAL\((\d+),\s*(\d+)\)$/.exec(upper);
  if (decimal) {
    return {
      kind: "decimal",
      precision: Number(decimal[1]),
      scale: Number(decimal[2]),
    };
  }
  const kinds: Record<string, ColumnType["kind"]> = {
    BIGINT: "bigint",
    DOUBLE: "double",
    BOOLEAN: "boolean",
    "TIMESTAMP WITH TIME ZONE": "timestamptz",
    TIMESTAMPTZ: "timestamptz",
    DATE: "date",
    JSON: "json",
  };
  const kind = kinds[upper] ?? "varchar";
  return { kind } as ColumnType;
}
