import { keysetQuery, PAGE_SIZE, type QueryExtras } from "./keyset-query.js";
import type { SourcePage } from "./page-source.js";
import type { Partition } from "./partition-plan.js";
import { recordId } from "./record-id.js";
import type { TableContext } from "./table-context.js";
import { UnexpectedPageError } from "./unexpected-page-error.js";

/** One keyset page handed to a partition's consumer. */
export interface KeysetPage {
  readonly records: Record<string, unknown>[];
  /** Cursor after this page: the highest id read so far. */
  readonly lastId: number | null;
  /** True when this page ends the partition (shorter than a full page). */
  readonly done: boolean;
}

/**
 * Walks one partition by keyset pages from its cursor to its end, handing
 * each page to `consume` (which commits it with the new cursor) before
 * moving the cursor. The next page is requested while the current one is
 * being consumed, so a slow commit does not leave the rate limiter idle;
 * pages are still consumed strictly in order.
 */
export async function readPartition(
  context: TableContext,
  path: string,
  partition: Partition,
  extras: QueryExtras,
  consume: (page: KeysetPage) => Promise<void>,
): Promise<void> {
  if (partition.done) return;
  const fetch = (cursor: number | null) =>
    context.source.getPage(path, keysetQuery(partition.plan, cursor, extras), {
      signal: context.signal,
    });

  let pending: Promise<SourcePage> | null = fetch(partition.lastId);
  while (pending) {
    const page = toKeysetPage(await pending, partition.lastId, path);
    pending = page.done ? null : fetch(page.lastId);
    pending?.catch(() => undefined);
    await consume(page);
    partition.lastId = page.lastId;
    partition.done = page.done;
  }
}

function toKeysetPage(
  page: SourcePage,
  cursor: number | null,
  path: string,
): KeysetPage {
  const records = page.records;
  const last = records.at(-1);
  const lastId = last ? recordId(last, path) : cursor;
  if (last && cursor !== null && (lastId ?? 0) <= cursor) {
    throw new UnexpectedPageError(
      `${path} returned id ${lastId} after id[gt]=${cursor}`,
    );
  }
  return { records, lastId, done: records.length < PAGE_SIZE };
}
