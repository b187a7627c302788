import { keysetQuery, PAGE_SIZE, type QueryExtras } from "./keyset-query.js";
import { PageBuffer } from "./page-buffer.js";
import type { SourcePage } from "./page-source.js";
import type { Partition } from "./partition-plan.js";
import { recordId } from "./record-id.js";
import type { TableContext } from "./table-context.js";
import { UnexpectedPageError } from "./unexpected-page-error.js";

/**
 * Pages of one partition held between its requests and its commits; the
 * run's page budget usually binds first.
 */
const PARTITION_BUFFER_PAGES = 8;

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
 * order. Requests go on while a commit runs, within the run's page
 * budget; pages that arrived meanwhile are handed over together as one,
 * so a slow pool gets fewer, larger commits instead of leaving Coupa's
 * rate limit unused. The cursor moves only after `consume` succeeded.
 */
export async function readPartition(
  context: TableContext,
  path: string,
  partition: Partition,
  extras: QueryExtras,
  consume: (page: KeysetPage) => Promise<void>,
): Promise<void> {
  if (partition.done) return;
  const held = { pages: 0 };
  const buffer = new PageBuffer<KeysetPage>(PARTITION_BUFFER_PAGES);
  // Stops the request loop when the commit loop ends early (it failed).
  const stop = new AbortController();
  const signal = AbortSignal.any([context.signal, stop.signal]);
  const reading = readPages(context, path, partition, extras, buffer, {
    held,
    signal,
  }).then(
    () => undefined,
    (error: unknown) => ({ error }),
  );
  let outcome: { error: unknown } | undefined;
  try {
    await commitPages(context, partition, buffer, held, consume);
  } finally {
    buffer.close();
    stop.abort();
    outcome = await reading;
    // Pages read but never committed give their budget back.
    release(context, held, held.pages);
  }
  // Reached only when the commits ended without failing: then a failed
  // request loop is why they ended early.
  if (outcome && !partition.done) throw outcome.error;
}

async function commitPages(
  context: TableContext,
  partition: Partition,
  buffer: PageBuffer<KeysetPage>,
  held: { pages: number },
  consume: (page: KeysetPage) => Promise<void>,
): Promise<void> {
  for (;;) {
    const pages = await buffer.takeAll();
    if (pages.length === 0) return;
    const merged = mergePages(pages);
    try {
      await consume(merged);
    } finally {
      release(context, held, merged.pages);
    }
    partition.lastId = merged.lastId;
    partition.done = merged.done;
    if (merged.done) return;
  }
}

async function readPages(
  context: TableContext,
  path: string,
  partition: Partition,
  extras: QueryExtras,
  buffer: PageBuffer<KeysetPage>,
  own: { held: { pages: number }; signal: AbortSignal },
): Promise<void> {
  let cursor = partition.lastId ?? partition.plan.afterId;
  try {
    while (!buffer.closed) {
      await context.budget.acquire(own.signal);
      own.held.pages++;
      const query = keysetQuery(partition.plan, cursor, extras);
      const page = toKeysetPage(
        await context.source.getPage(path, query, { signal: own.signal }),
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

function release(
  context: TableContext,
  held: { pages: number },
  pages: number,
): void {
  held.pages -= pages;
  context.budget.release(pages);
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
