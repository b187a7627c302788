import type { SimRecord } from "../data/simulator-data.js";
import type { DefinitionIndex } from "../query/definition-index.js";
import { projectFields } from "../query/fields-projection.js";
import type { ListQuery } from "../query/list-query.js";
import { shapeReturnObject } from "../query/return-object.js";

/** Applies `fields`, then `return_object`, to one record. */
export function shapeRecord(
  record: SimRecord,
  query: Pick<ListQuery, "fields" | "returnObject">,
  index: DefinitionIndex,
  definition: string,
): SimRecord {
  const selected = query.fields ? projectFields(record, query.fields) : record;
  if (!query.returnObject) return selected;
  return shapeReturnObject(selected, query.returnObject, index, definition);
}
