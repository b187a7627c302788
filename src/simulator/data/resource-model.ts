import type { Mutation } from "./change-store.js";
import type { SimRecord } from "./simulator-data.js";

/**
 * One served resource as the tenant sees it: which ids are live, when each
 * changed last, and how to build a record. Scans, ground truth and the
 * public `SimulatorData` are written once on top of this.
 */
export interface ResourceModel {
  /** Catalog name, e.g. `invoices`. */
  readonly name: string;
  /** Highest id a live record may have (base or inserted). */
  maxId(): number;
  /** True when the id is a live record. */
  isLive(id: number): boolean;
  /** `updated-at` of a live record in epoch ms, without building it. */
  updatedAt(id: number): number;
  /** The full record of a live id. */
  build(id: number): Record<string, unknown>;
  /** Ids that changed or were inserted (maybe deleted since), ascending. */
  changedIds(): readonly number[];
  /** Changes one live record; see `UpdateOptions.touchLines`. */
  update(id: number, touchLines: boolean, mutation: Mutation): void;
  /** Creates one record above the current maximum; returns its id. */
  insert(mutation: Mutation): number;
  /** Deletes one live record. */
  remove(id: number, mutation: Mutation): void;
  /** Records listed under a parent (`/api/suppliers/{id}/addresses`). */
  childrenOf?(parentId: number): Iterable<SimRecord>;
}
