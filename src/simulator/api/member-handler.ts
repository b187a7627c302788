import { JSON_TYPE, XML_TYPE } from "../content-types.js";
import type { SimRecord } from "../data/simulator-data.js";
import { parseListQuery } from "../query/list-query.js";
import { singularize } from "../render/singularize.js";
import type { SimRequest, SimResponse } from "../sim-exchange.js";
import { SimulatorHttpError } from "../simulator-http-error.js";
import type { ApiContext } from "./api-context.js";
import type { ListTarget } from "./list-handler.js";
import { shapeRecord } from "./shape-record.js";

/**
 * `GET /api/<resource>/<id>`: one record as a bare JSON object or XML
 * element, shaped by `fields` / `return_object`.
 *
 * @throws SimulatorHttpError 404 when no live record has the id
 */
export function handleMember(
  target: ListTarget & { readonly id: number },
  request: SimRequest,
  json: boolean,
  context: ApiContext,
): SimResponse {
  const { resource } = target;
  const errorKey = singularize(resource.name);
  const query = parseListQuery(request.query, {
    index: context.index,
    definition: resource.definition,
    errorKey,
    json,
  });

  const found = findRecord(target, context);
  if (!found) {
    throw SimulatorHttpError.coupa(
      404,
      "NOT_FOUND",
      errorKey,
      `No ${errorKey} with id ${target.id}.`,
      json,
    );
  }

  const record = shapeRecord(found, query, context.index, resource.definition);
  if (json) {
    const headers = { "content-type": JSON_TYPE };
    return { status: 200, headers, body: JSON.stringify(record), records: 1 };
  }
  const body = context.xml.record(
    record,
    resource.xmlItemRoot,
    resource.definition,
  );
  return {
    status: 200,
    headers: { "content-type": XML_TYPE },
    body,
    records: 1,
  };
}

function findRecord(
  target: ListTarget & { readonly id: number },
  context: ApiContext,
): SimRecord | undefined {
  const name = target.resource.name;
  if (target.parentId === undefined) return context.data.get(name, target.id);
  for (const child of context.data.children(name, target.parentId)) {
    if (child.id === target.id) return child;
  }
  return undefined;
}
