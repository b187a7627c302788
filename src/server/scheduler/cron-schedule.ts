import { Cron } from "croner";

/**
 * A job's cron expression (5 fields, or 6 with seconds), evaluated in the
 * server's time zone. Only computes occurrences: the scheduler decides
 * when to look, so a fake clock drives it in tests.
 *
 * @example
 * const hourly = CronSchedule.parse("0 * * * *");
 * hourly.next(new Date("2026-01-01T00:30:00Z")); // 01:00
 */
export class CronSchedule {
  private constructor(private readonly cron: Cron) {}

  /** Parses an expression; throws with croner's reason when invalid. */
  static parse(expression: string): CronSchedule {
    return new CronSchedule(new Cron(expression, { paused: true }));
  }

  /**
   * Why an expression is invalid, phrased for the user, or undefined when
   * it is valid.
   */
  static problem(expression: string): string | undefined {
    try {
      CronSchedule.parse(expression);
      return undefined;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return (
        `"${expression}" is not a valid cron expression (${reason}). Use ` +
        'five fields: minute hour day-of-month month day-of-week, e.g. "0 2 * * *" ' +
        "for every night at 02:00."
      );
    }
  }

  /** The first occurrence strictly after `after`, or null. */
  next(after: Date): Date | null {
    return this.cron.nextRun(after);
  }

  /** The latest occurrence at or before `at`, or null. */
  latest(at: Date): Date | null {
    return this.cron.previousRuns(1, new Date(at.getTime() + 1))[0] ?? null;
  }
}
