import type { Logger } from "pino";
import type { CatalogResource } from "../catalog/catalog-types.js";
import type { PoolStore } from "../load/pool-store.js";
import type { TableSettings } from "../normalize/table-settings.js";
import type { QueryExtras } from "./keyset-query.js";
import type { PageBudget } from "./page-budget.js";
import type { PageSource } from "./page-source.js";
import type { RunWindow } from "./run-window.js";
import type { WorkPool } from "./work-pool.js";

/** Everything the steps of one table's read share. */
export interface TableContext {
  readonly runId: string;
  readonly settings: TableSettings;
  readonly resource: CatalogResource;
  /** Parent resource of a per-parent list (remit_to_addresses). */
  readonly parentResource?: CatalogResource;
  readonly source: PageSource;
  readonly store: PoolStore;
  readonly pool: WorkPool;
  readonly window: RunWindow;
  /** Fires when the run is cancelled or the table failed. */
  readonly signal: AbortSignal;
  readonly logger: Logger;
  /** Pages the whole run may hold between request and commit. */
  readonly budget: PageBudget;
  /** Size of the shared work pool, to size partitions. */
  readonly workers: number;
  /** Added to every page query of the table. */
  readonly extras: QueryExtras;
  readonly clock: () => Date;
}
