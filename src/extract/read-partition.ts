import { keysetQuery, PAGE_SIZE, type QueryExtras } from "./keyset-query.js";
import { PageBuffer } from "./page-buffer.js";
import type { SourcePage } from "./page-source.js";
import type { Partition } from "./partition-plan.js";
import { recordId } from "./record-id.js";
import type { TableContext } from "./table-context.js";
import { UnexpectedPageError } from "./unexpected-page-error.js";

/** Pages of a partition read ahead while its previous commit runs. */
const READ_AHEAD_PAGES = 2;

/** Keyset pages handed to a partition's consumer, in id order. */
export interface KeysetPage {
  readonly records: Record<string, unknown>[];
  /** Cursor after these records: the highest id read so far. */
  readonly lastId: number | null;
  /** True when these end the partition (the last page was short). */
  readonly done: boolean;
  /** Coupa pages these records came from. */
  readonly pages: number;
}

/**
 * Walks one partition by keyset pages from its cursor to its end, handing
 * pages to `consume` (which commits them with the new cursor) strictly in
 * order. Requests go on while a commit runs, up to a few pages ahead;
 * pages that arrived meanwhile are handed over together as one, so a slow
 * pool gets fewer, larger commits instead of leaving Coupa's rate limit
 * unused. The cursor moves only after `consume` succeeded.
 */
export async function readPartition(
  context: TableContext,
  path: string,
  partition: Partition,
  extras: QueryExtras,
  consume: (page: KeysetPage) => Promise<void>,
): Promise<void> {
  if (partition.done) return;
  const buffer = new PageBuffer<KeysetPage>(READ_AHEAD_PAGES);
  const reading = readPages(context, path, partition, extras, buffer);
  reading.catch(() => undefined);
  try {
    for (;;) {
      const pages = await buffer.takeAll();
      if (pages.length === 0) break;
      const merged = mergePages(pages);
      await consume(merged);
      partition.lastId = merged.lastId;
      partition.done = merged.done;
      if (merged.done) break;
    }
  } finally {
    buffer.close();
  }
  await reading;
}

async function readPages(
  context: TableContext,
  path: string,
  partition: Partition,
  extras: QueryExtras,
  buffer: PageBuffer<KeysetPage>,
): Promise<void> {
  let cursor = partition.lastId ?? partition.plan.afterId;
  try {
    while (!buffer.closed) {
      const query = keysetQuery(partition.plan, cursor, extras);
      const page = toKeysetPage(
        await context.source.getPage(path, query, { signal: context.signal }),
        cursor,
        path,
      );
      cursor = page.lastId;
      await buffer.put(page);
      if (page.done) break;
    }
  } finally {
    buffer.close();
  }
}

function mergePages(pages: readonly KeysetPage[]): KeysetPage {
  const last = pages.at(-1) as KeysetPage;
  if (pages.length === 1) return last;
  return {
    records: pages.flatMap((page) => page.records),
    lastId: last.lastId,
    done: last.done,
    pages: pages.reduce((total, page) => total + page.pages, 0),
  };
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
  return { records, lastId, done: records.length < PAGE_SIZE, pages: 1 };
}
