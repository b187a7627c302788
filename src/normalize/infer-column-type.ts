import type { ColumnType } from "./row-batch.js";

/** Scale of a decimal typed from the data; more decimals stay text. */
const INFERRED_SCALE = 10;

const INFERRED_DECIMAL: ColumnType = {
  kind: "decimal",
  precision: 38,
  scale: INFERRED_SCALE,
};

const DECIMAL_TEXT = /^-?\d{1,28}\.(\d{1,10})$/;
const DATETIME_TEXT =
  /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const DATE_TEXT = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Column type of one value the catalog does not describe (a custom field):
 * JSON integers → BIGINT, other numbers → DOUBLE, decimal-looking text
 * (`"12.50"`) → DECIMAL(38,10), ISO datetimes with an offset → TIMESTAMPTZ,
 * `YYYY-MM-DD` → DATE, booleans → BOOLEAN, objects and arrays → JSON,
 * other text → VARCHAR. Digit-only text stays VARCHAR: codes keep their
 * leading zeros. Undefined for null: a null says nothing about the type.
 *
 * @example
 * inferColumnType("2024-03-01T10:00:00+01:00"); // { kind: "timestamptz" }
 */
export function inferColumnType(value: unknown): ColumnType | undefined {
  switch (typeof value) {
    case "boolean":
      return { kind: "boolean" };
    case "number":
      return Number.isSafeInteger(value)
        ? { kind: "bigint" }
        : { kind: "double" };
    case "bigint":
      return { kind: "bigint" };
    case "string":
      return inferTextType(value);
    case "object":
      return value === null ? undefined : { kind: "json" };
    default:
      return undefined;
  }
}

function inferTextType(value: string): ColumnType {
  if (DECIMAL_TEXT.test(value)) return INFERRED_DECIMAL;
  if (DATETIME_TEXT.test(value)) return { kind: "timestamptz" };
  if (DATE_TEXT.test(value)) return { kind: "date" };
  return { kind: "varchar" };
}
