import type { FieldType } from "../../catalog/catalog-types.js";
import type { SimRecord } from "../data/simulator-data.js";
import type {
  DefinitionIndex,
  IndexedDefinition,
} from "../query/definition-index.js";
import { escapeXml } from "./escape-xml.js";
import { singularize } from "./singularize.js";

const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

const TYPE_ATTRIBUTE: Partial<Record<FieldType, string>> = {
  integer: ' type="integer"',
  decimal: ' type="decimal"',
  float: ' type="float"',
  boolean: ' type="boolean"',
  datetime: ' type="datetime"',
  date: ' type="date"',
};

/**
 * Renders records as Coupa's XML: dashed element names, `type`
 * attributes (integer, decimal, boolean, datetime, array), `nil="true"`
 * for null, nested objects and arrays. Types come from the catalog and,
 * for keys it lacks (custom fields), from the value.
 */
export class XmlRenderer {
  constructor(readonly index: DefinitionIndex) {}

  /** A list: `<invoice-headers type="array"><invoice-header>…`. */
  list(
    records: readonly SimRecord[],
    listRoot: string,
    itemRoot: string,
    definition: string,
  ): string {
    const parts = [DECLARATION, `<${listRoot} type="array">`];
    const def = this.index.get(definition);
    for (const record of records) {
      this.#element(parts, itemRoot, record, def, undefined);
    }
    parts.push(`</${listRoot}>`);
    return parts.join("");
  }

  /** One record: `<invoice-header>…</invoice-header>`. */
  record(record: SimRecord, itemRoot: string, definition: string): string {
    const parts = [DECLARATION];
    this.#element(
      parts,
      itemRoot,
      record,
      this.index.get(definition),
      undefined,
    );
    return parts.join("");
  }

  #element(
    parts: string[],
    name: string,
    value: unknown,
    def: IndexedDefinition | undefined,
    type: FieldType | undefined,
  ): void {
    if (value === null || value === undefined) {
      parts.push(`<${name} nil="true"/>`);
    } else if (Array.isArray(value)) {
      this.#array(parts, name, value, def);
    } else if (typeof value === "object") {
      this.#object(parts, name, value as SimRecord, def);
    } else {
      scalar(parts, name, value, type);
    }
  }

  #array(
    parts: string[],
    name: string,
    items: readonly unknown[],
    def: IndexedDefinition | undefined,
  ): void {
    parts.push(`<${name} type="array">`);
    const item = singularize(name);
    for (const value of items)
      this.#element(parts, item, value, def, undefined);
    parts.push(`</${name}>`);
  }

  #object(
    parts: string[],
    name: string,
    record: SimRecord,
    def: IndexedDefinition | undefined,
  ): void {
    parts.push(`<${name}>`);
    for (const key in record) {
      const type = def?.fields.get(key);
      const child =
        def?.associations.get(key)?.definition ?? def?.collections.get(key);
      this.#element(parts, key, record[key], this.index.get(child), type);
    }
    parts.push(`</${name}>`);
  }
}

function scalar(
  parts: string[],
  name: string,
  value: unknown,
  type: FieldType | undefined,
): void {
  const attribute = TYPE_ATTRIBUTE[type ?? inferType(value)] ?? "";
  const text = escapeXml(String(value));
  if (text === "" && attribute === "") parts.push(`<${name}/>`);
  else parts.push(`<${name}${attribute}>${text}</${name}>`);
}

function inferType(value: unknown): FieldType {
  if (typeof value === "boolean") return "boolean";
  if (typeof value === "number") {
    return Number.isInteger(value) ? "integer" : "float";
  }
  return "string";
}
