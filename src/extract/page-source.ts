/** Query parameters in order, as Coupa reads them. */
export type QueryPairs = ReadonlyArray<readonly [string, string]>;

/** One list page as the Coupa client returns it. */
export interface SourcePage {
  readonly records: Record<string, unknown>[];
  /** Coupa's clock (the response's Date header), if it sent one. */
  readonly serverDate: Date | null;
  readonly bytes: number;
}

/**
 * The slice of the Coupa client that extraction reads pages through.
 * `CoupaClient` implements it; its rate limiting, retries and auth stay
 * inside it.
 */
export interface PageSource {
  getPage(
    path: string,
    query: QueryPairs,
    options?: { signal?: AbortSignal },
  ): Promise<SourcePage>;
}
