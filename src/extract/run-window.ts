/**
 * The run's upper bound on updated-at, fixed by Coupa's clock: the `Date`
 * of the first answer of the run (the token answer, when the run mints
 * one) minus a safety margin, so that records still being written when
 * the run starts are left to the next delta instead of being half read.
 * Every table of the run shares it.
 */
export class RunWindow {
  readonly #marginMs: number;
  readonly #clock: () => Date;
  #to: Date | undefined;

  /**
   * @param marginMs subtracted from Coupa's clock (the CLI default is 60 s)
   * @param clock fallback when Coupa sends no Date header
   */
  constructor(marginMs: number, clock: () => Date) {
    this.#marginMs = marginMs;
    this.#clock = clock;
  }

  /** Notes a response's server date; the first one fixes the bound. */
  observe(serverDate: Date | null): void {
    if (this.#to || !serverDate) return;
    this.#to = new Date(serverDate.getTime() - this.#marginMs);
  }

  /** True once an answer of Coupa fixed the bound. */
  get fixed(): boolean {
    return this.#to !== undefined;
  }

  /** The fixed upper bound; from the local clock if Coupa sent no date. */
  upperBound(): Date {
    this.#to ??= new Date(this.#clock().getTime() - this.#marginMs);
    return this.#to;
  }
}
