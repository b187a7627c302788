import type { CatalogField } from "../catalog/catalog-types.js";
import type { ColumnType } from "./row-batch.js";

/** Widest exact decimal DuckDB stores. */
export const MAX_DECIMAL_PRECISION = 38;

/**
 * Type of a decimal whose spec gives no precision: 28 integer digits and
 * 10 decimals hold every amount, quantity and rate Coupa sends.
 */
export const DEFAULT_DECIMAL: ColumnType = {
  kind: "decimal",
  precision: 38,
  scale: 10,
};

/**
 * Pool column type of a catalog field. Decimals stay exact; a spec
 * precision above DuckDB's 38 keeps the integer digits and gives up
 * decimals (`decimal(46,20)` → `DECIMAL(38,12)`), since an amount that
 * overflows is an error while a 13th decimal is noise.
 *
 * @example
 * columnTypeForField({ name: "total", type: "decimal", precision: 30, scale: 4 });
 * // { kind: "decimal", precision: 30, scale: 4 }
 */
export function columnTypeForField(field: CatalogField): ColumnType {
  switch (field.type) {
    case "string":
      return { kind: "varchar" };
    case "integer":
      return { kind: "bigint" };
    case "float":
      return { kind: "double" };
    case "boolean":
      return { kind: "boolean" };
    case "datetime":
      return { kind: "timestamptz" };
    case "date":
      return { kind: "date" };
    case "json":
      return { kind: "json" };
    case "decimal":
      return decimalType(field.precision, field.scale);
  }
}

/** An exact decimal type clamped to what DuckDB stores (see above). */
export function decimalType(precision?: number, scale?: number): ColumnType {
  if (precision === undefined) return DEFAULT_DECIMAL;
  const wantedScale = Math.max(0, Math.min(scale ?? 0, precision));
  if (precision <= MAX_DECIMAL_PRECISION) {
    return { kind: "decimal", precision, scale: wantedScale };
  }
  const integerDigits = precision - wantedScale;
  const kept = Math.max(
    0,
    Math.min(wantedScale, MAX_DECIMAL_PRECISION - integerDigits),
  );
  return { kind: "decimal", precision: MAX_DECIMAL_PRECISION, scale: kept };
}
