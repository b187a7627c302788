import { InvalidRecordError } from "./invalid-record-error.js";
import { Pseudonymizer } from "./pseudonymizer.js";
import type { RowBatch } from "./row-batch.js";
import type { TableLayout } from "./table-layout.js";
import { TableRowCollector } from "./table-row-collector.js";

type Element = Record<string, unknown>;

/** Options of a `RecordNormalizer`; none has a default. */
export interface RecordNormalizerOptions {
  /** The pool's pseudonymization secret (`PoolStore.pseudonymKey()`). */
  readonly pseudonymKey: Buffer;
  /** Pool column names whose values are replaced by keyed hashes. */
  readonly pseudonymize: readonly string[];
  /** Written to every row's `_run_id`. */
  readonly runId: string;
  /** Clock for `_extracted_at`, read once per page. */
  readonly extractedAt: () => Date;
}

interface Node {
  readonly key: string;
  readonly keyAlt: string;
  readonly collector: TableRowCollector;
  readonly children: readonly Node[];
}

/**
 * Turns pages of Coupa records (JSON shape) into typed rows for the pool
 * tables of one layout: the parent row per record and one row per element
 * of every nested collection, at every depth. Keep one instance per table
 * and run: it remembers the custom-field columns it has seen.
 *
 * @example
 * const normalizer = new RecordNormalizer(layout, {
 *   pseudonymKey: await store.pseudonymKey(),
 *   pseudonymize: settings.pseudonymize,
 *   runId,
 *   extractedAt: () => new Date(),
 * });
 * const batch = normalizer.normalize(page);
 */
export class RecordNormalizer {
  readonly #layout: TableLayout;
  readonly #options: RecordNormalizerOptions;
  readonly #root: Node;
  readonly #collectors: readonly TableRowCollector[];

  constructor(layout: TableLayout, options: RecordNormalizerOptions) {
    this.#layout = layout;
    this.#options = options;
    const pseudonymized = new Set(options.pseudonymize);
    const pseudonymizer =
      pseudonymized.size > 0
        ? new Pseudonymizer(options.pseudonymKey)
        : undefined;
    this.#collectors = layout.tables.map(
      (table) => new TableRowCollector(table, pseudonymized, pseudonymizer),
    );
    this.#root = buildTree(this.#collectors);
  }

  /**
   * One page of records as rows. A record repeated within the page counts
   * once (the last copy wins), as the pool keeps one row per id.
   *
   * @throws InvalidRecordError for a record without a positive integer id.
   */
  normalize(records: readonly Record<string, unknown>[]): RowBatch {
    const unique = this.#lastCopies(records);
    const parentIds: number[] = [];
    const root = this.#root;
    for (const [id, record] of unique) {
      parentIds.push(id);
      root.collector.add(record, undefined);
      this.#visitChildren(root, record, id, id, null);
    }

    const at = this.#options.extractedAt();
    const runId = this.#options.runId;
    const tables = this.#collectors.map((c) => c.finish(at, runId));
    return { parentIds, tables };
  }

  #visitChildren(
    node: Node,
    element: Element,
    rootId: number,
    parentId: unknown,
    parentPosition: number | null,
  ) {
    for (const child of node.children) {
      const list = element[child.key] ?? element[child.keyAlt];
      if (!Array.isArray(list)) continue;
      for (let position = 0; position < list.length; position++) {
        const item = list[position];
        if (item === null || typeof item !== "object") continue;
        const place = { rootId, parentId, parentPosition, position };
        child.collector.add(item as Element, place);
        if (child.children.length > 0) {
          this.#visitChildren(
            child,
            item as Element,
            rootId,
            (item as Element).id,
            position,
          );
        }
      }
    }
  }

  #lastCopies(records: readonly Element[]): Map<number, Element> {
    const unique = new Map<number, Element>();
    for (let i = 0; i < records.length; i++) {
      const record = records[i] as Element;
      const id = record.id;
      if (typeof id !== "number" || !Number.isSafeInteger(id) || id <= 0) {
        throw new InvalidRecordError(this.#layout.resource, i, id);
      }
      // Delete first so a repeated id moves to its last position.
      unique.delete(id);
      unique.set(id, record);
    }
    return unique;
  }
}

function buildTree(collectors: readonly TableRowCollector[]): Node {
  const byTable = new Map<
    string,
    { collector: TableRowCollector; children: Node[] }
  >();
  for (const collector of collectors) {
    byTable.set(collector.layout.table, { collector, children: [] });
  }
  const nodes = new Map<string, Node>();
  // Layout order lists parents before children; build bottom-up.
  for (const collector of [...collectors].reverse()) {
    const entry = byTable.get(collector.layout.table);
    if (!entry) continue;
    const key = collector.layout.path.at(-1) ?? "";
    const node: Node = {
      key,
      keyAlt: key.replace(/-/g, "_"),
      collector,
      children: entry.children.reverse(),
    };
    nodes.set(collector.layout.table, node);
    const parent = collector.layout.parentTable;
    if (parent !== null) byTable.get(parent)?.children.push(node);
  }
  const root = nodes.get(collectors[0]?.layout.table ?? "");
  if (!root) throw new RangeError("A table layout needs its parent table.");
  return root;
}
