import type { PageSource } from "./page-source.js";
import type { RequestStats } from "./table-tracker.js";

/** A table's page source with its own counts, closed after the run. */
export interface ExtractionSource extends PageSource {
  stats(): RequestStats;
  close(): Promise<void>;
}
