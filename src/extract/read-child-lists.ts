import { keysetQuery, PAGE_SIZE } from "./keyset-query.js";
import type { Partition } from "./partition-plan.js";
import { type KeysetPage, readPartition } from "./read-partition.js";
import { recordId } from "./record-id.js";
import type { TableContext } from "./table-context.js";

/**
 * Reads a resource listed per parent record (remit_to_addresses under
 * `/api/suppliers/{supplier_id}/addresses`): walks the partition's range
 * of parent ids (ids only), reads every parent's list, and hands the
 * records of each page of parents to `consume` with the parent cursor, so
 * a resumed run continues after the last parent whose lists were
 * committed.
 */
export async function readChildLists(
  context: TableContext,
  partition: Partition,
  consume: (page: KeysetPage) => Promise<void>,
): Promise<void> {
  const parent = context.parentResource;
  if (!parent?.endpoint) throw new Error("readChildLists needs a parent");
  const parentExtras = { updatedAt: null, filter: [], fields: '["id"]' };

  await readPartition(
    context,
    parent.endpoint,
    partition,
    parentExtras,
    async (parents) => {
      const records: Record<string, unknown>[] = [];
      for (const record of parents.records) {
        const id = recordId(record, parent.endpoint ?? "");
        records.push(...(await readList(context, id)));
      }
      await consume({ ...parents, records });
    },
  );
}

async function readList(
  context: TableContext,
  parentId: number,
): Promise<Record<string, unknown>[]> {
  const { endpoint, parent } = context.resource;
  const placeholder = `{${parent?.pathParameter ?? "id"}}`;
  const path = (endpoint ?? "").replace(placeholder, String(parentId));
  const extras = { ...context.extras, updatedAt: null };
  const plan = { upToId: null, from: null, to: null };

  const records: Record<string, unknown>[] = [];
  let cursor: number | null = null;
  for (;;) {
    const query = keysetQuery(plan, cursor, extras);
    const page = await context.source.getPage(path, query, {
      signal: context.signal,
    });
    records.push(...page.records);
    const last = page.records.at(-1);
    if (!last || page.records.length < PAGE_SIZE) return records;
    cursor = recordId(last, path);
  }
}
