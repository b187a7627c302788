import type { SimulatorData } from "../data/simulator-data.js";
import type { DefinitionIndex } from "../query/definition-index.js";
import type { XmlRenderer } from "../render/xml-renderer.js";

/** What the list and member handlers need from the running simulator. */
export interface ApiContext {
  readonly data: SimulatorData;
  readonly index: DefinitionIndex;
  readonly xml: XmlRenderer;
  /** Whether an empty JSON list is answered 404 `[]` right now. */
  readonly emptyJson404: () => boolean;
}
