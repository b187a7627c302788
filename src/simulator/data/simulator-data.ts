/**
 * Contract between the simulator's data layer (seeded generation, stored
 * changes, ground truth) and its HTTP layer (auth, filters, paging,
 * rendering). The HTTP layer never generates records itself.
 *
 * Records are in Coupa's JSON shape: dashed keys, decimals as strings,
 * datetimes as ISO 8601 strings with an offset, associations embedded as
 * objects, nested collections as arrays, custom fields under
 * `custom-fields` plus a few legacy top-level keys.
 */

/** One record as Coupa's JSON API would return it with no `fields`. */
export type SimRecord = Record<string, unknown>;

/** Hints that let the data layer skip records cheaply while scanning. */
export interface ScanOptions {
  /** Only ids strictly greater than this. */
  readonly afterId?: number;
  /** Only ids strictly smaller than this. */
  readonly beforeId?: number;
  /** Only records with updated-at >= this instant (epoch ms). */
  readonly updatedFrom?: number;
  /** Only records with updated-at < this instant (epoch ms). */
  readonly updatedBefore?: number;
  /** Descending id order instead of ascending. */
  readonly descending?: boolean;
}

/** What a mutation did, so tests know which records to look at. */
export interface MutationResult {
  readonly resource: string;
  readonly ids: readonly number[];
}

/** Options of an update mutation. */
export interface UpdateOptions {
  /** Update exactly these ids instead of a seeded random choice. */
  readonly ids?: readonly number[];
  /**
   * Also add, remove or change a nested line of each updated record
   * (invoice lines, order lines, ...). Default true.
   */
  readonly touchLines?: boolean;
}

/** The simulated tenant's data. Deterministic for one seed and size. */
export interface SimulatorData {
  /** Resources served, by catalog name (`invoices`, ...). */
  readonly resources: readonly string[];

  /** Lowest and highest live id; undefined when the resource is empty. */
  idRange(resource: string): { min: number; max: number } | undefined;

  /** Live records in id order, restricted by the hints. Lazy. */
  scan(resource: string, options?: ScanOptions): Iterable<SimRecord>;

  /** One live record, or undefined (unknown or deleted). */
  get(resource: string, id: number): SimRecord | undefined;

  /** Records of a child list endpoint (`/api/suppliers/{id}/addresses`). */
  children(resource: string, parentId: number): Iterable<SimRecord>;

  /** Moves `updated-at` of `count` records to now, changing them. */
  update(
    resource: string,
    count: number,
    options?: UpdateOptions,
  ): MutationResult;

  /** Creates `count` new records with ids above the current maximum. */
  insert(resource: string, count: number): MutationResult;

  /** Deletes `count` seeded-random live records, or exactly `ids`. */
  remove(
    resource: string,
    count: number,
    ids?: readonly number[],
  ): MutationResult;

  /**
   * Adds a custom field (dashed API name) to every record of a resource
   * from now on: in `custom-fields`, with values for records changed
   * later and null for the rest.
   */
  addCustomField(
    resource: string,
    name: string,
    type: "string" | "integer" | "decimal" | "boolean" | "datetime",
  ): void;

  /** Every live record of a resource, as a full list would return it. */
  groundTruth(resource: string): Iterable<SimRecord>;
}
