import type { PageSource } from "../src/extract/page-source.js";

/** What a naive paginator read, for comparison with the extractor. */
export interface NaiveRun {
  readonly pages: number;
  readonly records: number;
  readonly seconds: number;
  readonly recordsPerSecond: number;
}

/**
 * Reads a list endpoint the way several public Coupa connectors do: one
 * request at a time, `offset=0, 50, 100, …` in Coupa's default order,
 * until a short page or `maxPages`. Kept only as the baseline of the
 * benchmark: offsets shift when records change during the read.
 */
export async function naiveOffsetRead(
  source: PageSource,
  path: string,
  maxPages: number,
  now: () => number = performance.now.bind(performance),
): Promise<NaiveRun> {
  const started = now();
  let pages = 0;
  let records = 0;
  for (let offset = 0; pages < maxPages; offset += 50) {
    const page = await source.getPage(path, [
      ["limit", "50"],
      ["offset", String(offset)],
    ]);
    pages++;
    records += page.records.length;
    if (page.records.length < 50) break;
  }
  const seconds = (now() - started) / 1000;
  return { pages, records, seconds, recordsPerSecond: records / seconds };
}
