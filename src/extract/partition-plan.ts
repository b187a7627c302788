/**
 * How one partition of a table is read, stored as the checkpoint's `plan`
 * (JSON) so that a resumed run reads exactly the same window and range.
 *
 * - `ids`: keyset pages over an id range within the window (full loads,
 *   resources without updated-at, delete sweeps);
 * - `slice`: keyset pages over all ids within a time slice (deltas);
 * - `children`: supplier id range whose child lists are read (resources
 *   listed per parent record, e.g. remit_to_addresses).
 */
export interface PartitionPlan {
  readonly kind: "ids" | "slice" | "children";
  readonly mode: "full" | "delta";
  /** Ids strictly above this; null = from the lowest. */
  readonly afterId: number | null;
  /** Ids up to and including this; null = to the highest. */
  readonly upToId: number | null;
  /** Window on updated-at as ISO 8601; null = unbounded on that side. */
  readonly from: string | null;
  readonly to: string | null;
  /** The run's upper bound, stored as the watermark when all are done. */
  readonly runTo: string;
  /**
   * The table settings the plan was made for; a resume with other
   * settings plans afresh instead of mixing two selections.
   */
  readonly fingerprint: string;
}

/** A partition of a table's read: its key, plan and cursor. */
export interface Partition {
  /** Stable key within the run, e.g. `ids:1-5000`. */
  readonly key: string;
  readonly plan: PartitionPlan;
  /** Highest id committed; null before the first page. */
  lastId: number | null;
  done: boolean;
}
