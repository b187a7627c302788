import type { PageSource, QueryPairs, SourcePage } from "./page-source.js";

/**
 * A page source that answers a keyset query over an empty id range
 * (`id[gt]` at or above `id[lt_or_eq]`) with no records instead of asking
 * Coupa. A partition of dense ids sized in whole pages ends on a full
 * page; finding out that nothing follows it then costs no request.
 *
 * @example
 * const source = new EmptyRangeSkipper(client);
 * await source.getPage("/api/invoices", [["id[gt]", "250"], ["id[lt_or_eq]", "250"]]);
 * // { records: [], serverDate: null, bytes: 0 }, nothing sent
 * source.skipped; // 1
 */
export class EmptyRangeSkipper implements PageSource {
  /** Queries answered here, without asking Coupa. */
  skipped = 0;
  readonly #source: PageSource;

  constructor(source: PageSource) {
    this.#source = source;
  }

  getPage(
    path: string,
    query: QueryPairs,
    options?: { signal?: AbortSignal },
  ): Promise<SourcePage> {
    if (!isEmptyRange(query)) return this.#source.getPage(path, query, options);
    this.skipped += 1;
    return Promise.resolve({ records: [], serverDate: null, bytes: 0 });
  }
}

function isEmptyRange(query: QueryPairs): boolean {
  const after = idBound(query, "id[gt]");
  const upTo = idBound(query, "id[lt_or_eq]");
  return after !== undefined && upTo !== undefined && after >= upTo;
}

function idBound(query: QueryPairs, key: string): number | undefined {
  const pair = query.find(([name]) => name === key);
  const value = pair ? Number(pair[1]) : Number.NaN;
  return Number.isFinite(value) ? value : undefined;
}
