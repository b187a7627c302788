import type {
  EngineExtraction,
  EngineExtractionOptions,
  ExtractionOutcome,
} from "../../src/server/extraction-engine.js";

/** One extraction started through `FakeExtractions`. */
export interface FakeRun {
  readonly options: EngineExtractionOptions;
  readonly runId: string;
  /** Sends a progress event. */
  progress(tables: number): void;
  /** Ends the extraction with this status. */
  finish(status: ExtractionOutcome["status"]): void;
  cancelled: boolean;
}

/**
 * An extraction engine's `startExtraction` that never touches Coupa:
 * each call is recorded and ends only when the test says so, so
 * scheduler tests control exactly when a run is in progress.
 */
export class FakeExtractions {
  readonly started: FakeRun[] = [];

  readonly startExtraction = (
    options: EngineExtractionOptions,
  ): EngineExtraction => {
    let resolve: (outcome: ExtractionOutcome) => void = () => {};
    const outcome = new Promise<ExtractionOutcome>((r) => {
      resolve = r;
    });
    const listeners: ((progress: unknown) => void)[] = [];
    let current: unknown = { tables: [] };
    const runId = `extraction-${this.started.length + 1}`;
    const run: FakeRun = {
      options,
      runId,
      cancelled: false,
      progress: (tables) => {
        current = { tables: [{ table: "invoices", rows: tables }] };
        for (const listener of listeners) listener(current);
      },
      finish: (status) =>
        resolve({ status, report: { runId, status, tables: [] } }),
    };
    this.started.push(run);
    return {
      runId,
      onProgress: (listener) => void listeners.push(listener),
      progress: () => current,
      cancel: () => {
        run.cancelled = true;
        run.finish("cancelled");
      },
      outcome,
    };
  };
}
