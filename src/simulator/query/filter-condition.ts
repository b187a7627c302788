import type { FieldType } from "../../catalog/catalog-types.js";
import type { PathStep } from "./attribute-path.js";
import type { FilterOperator } from "./filter-operator.js";

/** A query value after parsing for its field's type. */
export type FilterValue = string | number | boolean;

/** One `attribute[operator]=value` condition, parsed and typed. */
export interface FilterCondition {
  /** The parameter as sent, for messages. */
  readonly parameter: string;
  readonly steps: readonly PathStep[];
  readonly type: FieldType | "unknown";
  readonly operator: FilterOperator;
  /** One value, or several for `in` / `not_in`. */
  readonly values: readonly FilterValue[];
}
