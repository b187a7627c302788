/**
 * The simulator's view of one HTTP exchange, independent of the server
 * library: handlers are functions from a `SimRequest` to a `SimResponse`,
 * so each can be read (and tested) without sockets.
 */

/** One request as the handlers see it. */
export interface SimRequest {
  readonly method: string;
  /** Path without the query string, e.g. `/api/invoices`. */
  readonly path: string;
  /** Query string as sent, without the `?`. */
  readonly rawQuery: string;
  /** Query parameters in order, decoded (`+` is a space, as in Coupa). */
  readonly query: ReadonlyArray<readonly [string, string]>;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** Source address of the connection, IPv4 without `::ffff:`. */
  readonly sourceAddress: string;
  /** Raw request body (token requests), empty when none. */
  readonly body: string;
}

/** One complete answer. */
export interface SimResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** Records in the body; drives the per-record latency. */
  readonly records: number;
}
