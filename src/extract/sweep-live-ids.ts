import { planIdPartitions } from "./plan-partitions.js";
import { probeIdRange } from "./probe-id-range.js";
import { readPartition } from "./read-partition.js";
import { recordId } from "./record-id.js";
import type { TableContext } from "./table-context.js";

/**
 * Collects the ids of every live record of a table (under its filter) with
 * an ids-only sweep: keyset pages with `fields=["id"]` and no window, over
 * id-range partitions run on the shared work pool. Ids never move, so a
 * record that exists for the whole sweep is always seen; what is missing
 * was deleted in Coupa.
 */
export async function sweepLiveIds(
  context: TableContext,
): Promise<Set<number>> {
  const path = context.resource.endpoint ?? "";
  const live = new Set<number>();
  const range = await probeIdRange(context, path, context.extras.filter);
  if (!range) return live;

  const base = {
    mode: "full" as const,
    from: null,
    to: null,
    runTo: "",
    fingerprint: "",
  };
  const partitions = planIdPartitions("ids", range.min, range.max, base, {
    workers: context.workers,
    maxIds: 25_000,
  });
  const extras = { ...context.extras, updatedAt: null, fields: '["id"]' };
  await Promise.all(
    partitions.map((partition) =>
      context.pool.run(() =>
        readPartition(context, path, partition, extras, async (page) => {
          for (const record of page.records) live.add(recordId(record, path));
        }),
      ),
    ),
  );
  return live;
}
