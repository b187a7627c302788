import { formatTableProgress } from "./format-table-progress.js";
import type { RunProgress, TableStatus } from "./run-progress.js";

/** Where a display writes: a stream, a TTY or not. */
export interface DisplayStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

/** Options of a `ProgressDisplay`. */
export interface ProgressDisplayOptions {
  /** Milliseconds now; default `Date.now`. */
  readonly now?: () => number;
  /** Least time between redraws on a TTY; default 200 ms. */
  readonly ttyIntervalMs?: number;
  /** Least time between plain progress lines of a table; default 5 s. */
  readonly plainIntervalMs?: number;
}

/**
 * Shows a run's progress: on a TTY one line per table, redrawn in place;
 * otherwise plain lines, one when a table starts reading or ends and at
 * most one per interval while it runs, so logs stay readable.
 */
export class ProgressDisplay {
  readonly #stream: DisplayStream;
  readonly #now: () => number;
  readonly #ttyInterval: number;
  readonly #plainInterval: number;
  #drawnLines = 0;
  #lastDraw = Number.NEGATIVE_INFINITY;
  #latest: RunProgress | undefined;
  readonly #statuses = new Map<string, TableStatus>();
  readonly #lastLine = new Map<string, number>();

  constructor(stream: DisplayStream, options: ProgressDisplayOptions = {}) {
    this.#stream = stream;
    this.#now = options.now ?? Date.now;
    this.#ttyInterval = options.ttyIntervalMs ?? 200;
    this.#plainInterval = options.plainIntervalMs ?? 5_000;
  }

  /** Takes new progress; draws when due. */
  update(progress: RunProgress): void {
    this.#latest = progress;
    if (this.#stream.isTTY) this.#drawTty(false);
    else this.#writePlain(progress);
  }

  /** Draws the last progress once more, whatever the interval. */
  finish(): void {
    if (this.#stream.isTTY) this.#drawTty(true);
  }

  #drawTty(force: boolean): void {
    const progress = this.#latest;
    const now = this.#now();
    if (!progress || (!force && now - this.#lastDraw < this.#ttyInterval)) {
      return;
    }
    this.#lastDraw = now;
    const width = Math.max(0, ...progress.tables.map((t) => t.table.length));
    const lines = progress.tables.map((t) => formatTableProgress(t, width));
    const up = this.#drawnLines > 0 ? `\x1b[${this.#drawnLines}A` : "";
    this.#stream.write(up + lines.map((line) => `\x1b[2K${line}\n`).join(""));
    this.#drawnLines = lines.length;
  }

  #writePlain(progress: RunProgress): void {
    const now = this.#now();
    const width = Math.max(0, ...progress.tables.map((t) => t.table.length));
    for (const table of progress.tables) {
      // Before reading starts there is nothing worth a log line.
      if (table.status === "pending" || table.status === "planning") continue;
      const changed = this.#statuses.get(table.table) !== table.status;
      const last = this.#lastLine.get(table.table) ?? 0;
      const due =
        table.status === "running" && now - last >= this.#plainInterval;
      if (!changed && !due) continue;
      this.#statuses.set(table.table, table.status);
      this.#lastLine.set(table.table, now);
      this.#stream.write(`${formatTableProgress(table, width)}\n`);
    }
  }
}
