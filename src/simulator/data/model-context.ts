import type { CustomFieldRegistry } from "./custom-field-registry.js";
import type { ProcurementGraph } from "./procurement-graph.js";
import type { ReferenceEmbeds } from "./reference-embeds.js";
import type { TenantSizes } from "./tenant-sizes.js";

/** What every resource model of one tenant shares. */
export interface ModelContext {
  readonly seed: number;
  readonly sizes: TenantSizes;
  readonly graph: ProcurementGraph;
  readonly refs: ReferenceEmbeds;
  readonly customFields: CustomFieldRegistry;
}
