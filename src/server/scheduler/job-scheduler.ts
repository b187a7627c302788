import type { Logger } from "pino";
import type { Clock } from "../clock.js";
import type { JobRepository, StoredJob } from "../model/job-repository.js";
import type { RunManager } from "../runs/run-manager.js";
import { CronSchedule } from "./cron-schedule.js";

/** Timer functions the scheduler uses; injected so tests need none. */
export interface SchedulerTimers {
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

/** What one tick did, per job that was due. */
export interface TickResult {
  readonly jobId: string;
  /** The latest occurrence that was due. */
  readonly occurrence: Date;
  /** Occurrences since the last handled one, the due one included. */
  readonly occurrences: number;
  readonly action: "started" | "skipped-overlap" | "failed";
  readonly runId?: string;
}

/** Options of a `JobScheduler`. */
export interface JobSchedulerOptions {
  readonly jobs: JobRepository;
  readonly runs: RunManager;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Default: the global setInterval and clearInterval. */
  readonly timers?: SchedulerTimers;
  /** How often `start` looks for due jobs. Default 1000 ms. */
  readonly intervalMs?: number;
}

/**
 * Starts the runs of scheduled jobs. Each `tick(now)` looks at every
 * enabled job with a schedule: when an occurrence fell due since the one
 * last handled (stored in SQLite), the job runs once, however many
 * occurrences were missed (a server that was down runs each job once at
 * start, not once per missed hour). A job whose previous run is still
 * active skips the occurrence and logs it: never two runs of one job.
 */
export class JobScheduler {
  #handle: unknown;

  constructor(private readonly options: JobSchedulerOptions) {}

  /** Handles every occurrence due at `now`. */
  tick(now: Date = this.options.clock()): TickResult[] {
    const results: TickResult[] = [];
    for (const job of this.options.jobs.listScheduled()) {
      const result = this.#tickJob(job, now);
      if (result) results.push(result);
    }
    return results;
  }

  /** Ticks now, then every `intervalMs`, until `stop`. */
  start(): void {
    if (this.#handle !== undefined) return;
    this.#safeTick();
    const timers = this.options.timers ?? globalThis;
    const handle = timers.setInterval(
      () => this.#safeTick(),
      this.options.intervalMs ?? 1000,
    );
    (handle as { unref?: () => void }).unref?.();
    this.#handle = handle;
  }

  /** A tick that logs instead of throwing: a timer must never crash. */
  #safeTick(): void {
    try {
      this.tick();
    } catch (error) {
      this.options.logger.error({ err: error }, "Scheduler tick failed");
    }
  }

  /** Stops ticking. */
  stop(): void {
    if (this.#handle === undefined) return;
    (this.options.timers ?? globalThis).clearInterval(
      this.#handle as NodeJS.Timeout,
    );
    this.#handle = undefined;
  }

  /** When a job runs next by its schedule, or null. */
  nextRunAt(job: StoredJob, now: Date = this.options.clock()): Date | null {
    if (!job.enabled || job.schedule === null) return null;
    if (CronSchedule.problem(job.schedule)) return null;
    const schedule = CronSchedule.parse(job.schedule);
    const since = new Date(job.lastScheduledAt ?? job.createdAt);
    const due = schedule.next(since);
    if (due && due <= now) return now;
    return schedule.next(now);
  }

  #tickJob(job: StoredJob, now: Date): TickResult | undefined {
    const { logger, jobs, runs } = this.options;
    if (job.schedule === null || CronSchedule.problem(job.schedule)) return;
    const schedule = CronSchedule.parse(job.schedule);
    const since = new Date(job.lastScheduledAt ?? job.createdAt);
    const due = schedule.next(since);
    if (!due || due > now) return;

    const occurrence = schedule.latest(now) ?? due;
    const occurrences = countBetween(schedule, since, occurrence);
    jobs.markScheduled(job.id, occurrence);
    const base = { jobId: job.id, occurrence, occurrences };

    const activeRun = runs.activeRunOf(job.id);
    if (activeRun) {
      logger.warn(
        { jobId: job.id, runId: activeRun, occurrence },
        `Skipped scheduled run of job "${job.name}": run ${activeRun} is still in progress`,
      );
      return { ...base, action: "skipped-overlap" };
    }

    if (occurrences > 1) {
      logger.info(
        { jobId: job.id, occurrences },
        `${occurrences} scheduled run(s) of job "${job.name}" fell due while the server was down; running it once now`,
      );
    }
    return this.#startRun(job, base);
  }

  #startRun(job: StoredJob, base: Omit<TickResult, "action">): TickResult {
    try {
      const run = this.options.runs.start(job, "schedule");
      return { ...base, action: "started", runId: run.id };
    } catch (error) {
      this.options.logger.error(
        { jobId: job.id, err: error },
        `Scheduled run of job "${job.name}" could not start`,
      );
      return { ...base, action: "failed" };
    }
  }
}

/** Occurrences in (from, to], capped so a tiny interval cannot spin. */
function countBetween(schedule: CronSchedule, from: Date, to: Date): number {
  let count = 0;
  let cursor: Date | null = from;
  while (count < 10_000) {
    cursor = schedule.next(cursor);
    if (!cursor || cursor > to) break;
    count += 1;
  }
  return count;
}
