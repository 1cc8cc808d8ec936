import { Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { JobOptions, Queue } from 'bull';
import type { EntityManager } from 'typeorm';
import { withTimeout } from '../async/with-timeout.util';
import type { Metrics } from '../metrics/metrics.service';

/** How one relay polls. The mechanics are the same for every relay; these are its settings. */
export interface PollingRelayOptions {
  /** The relay's label in metrics (`clockwork_relay_passes_total{relay}`), e.g. `outbox`. */
  relay: string;
  /** Its name in the log: "<title> paused: …", "<title> recovered". */
  title: string;
  /** What its jobs carry, in timeout messages: "enqueueing <what> timed out after 5000 ms". */
  what: string;
  /** Pause between passes while nothing is due, in milliseconds. */
  pollMs: number;
  /** Rows claimed per pass; a pass that claimed this many runs the next one at once. */
  batchSize: number;
  /**
   * Seconds a claim is trusted: a row relayed (leased to a queued job) longer ago than this and
   * still not done is due again, because Redis may have lost its job or its worker died.
   */
  leaseSeconds: number;
  /**
   * While this many jobs wait in the queue a pass adds nothing (the backlog stays in PostgreSQL,
   * Redis holds a window of it, and leases of queued jobs do not run out while they wait); the
   * relay looks again after `fullRetryMs`. `null`: no cap.
   */
  maxWaitingJobs: number | null;
  /** A Bull call on a Redis that is down waits forever otherwise; the pass's transaction holds its locks meanwhile. Default 5000. */
  queueTimeoutMs?: number;
  /** Next look while the queue is full, in milliseconds (at most `pollMs`). Default 50. */
  fullRetryMs?: number;
  /** Next look after a failed pass (PostgreSQL or Redis down), in milliseconds (at least `pollMs`). Default 1000. */
  backoffMs?: number;
}

/** The jobs for one pass's claimed rows, and how the claim is recorded on the rows once they are queued. */
export interface RelayBatch<Data> {
  jobs: { data: Data; opts: JobOptions & { jobId: string } }[];
  /** In the pass's transaction, after the jobs are in the queue: mark the rows dispatched or leased. */
  record(manager: EntityManager): Promise<void>;
}

/** Where the rows live: a repository that runs work in one transaction. */
export interface RelayStore {
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T>;
}

/** Outcome of one pass, as counted in `clockwork_relay_passes_total{outcome}`. */
export type RelayPassOutcome = 'relayed' | 'idle' | 'full' | 'failed';

/**
 * A poll-and-sweep relay from PostgreSQL into a Bull queue: the rows are the record, Redis only
 * holds jobs that point at them. Every `pollMs` (at once after a full pass or a `kick`), one pass:
 * unless `maxWaitingJobs` jobs already wait, in one transaction lock up to `batchSize` due rows
 * (SKIP LOCKED: several relays may run side by side), enqueue their jobs (Bull ignores a second
 * add of a job id), record the claim on the rows. If Redis is down the transaction rolls back and
 * the rows wait; a claim older than `leaseSeconds` is swept up again by the next pass that finds
 * the row due. One pass at a time; it starts with the application and stops with it (the stop
 * waits for a running pass); a failed pass is logged once (and its recovery), counted, and the
 * relay backs off, never stops.
 *
 * A subclass names the rows (`lockDue`) and their jobs (`batch`); it is a Nest provider of the
 * domain's worker module.
 */
export abstract class PollingRelay<Row, Data> implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger: Logger;
  private readonly settings: Required<PollingRelayOptions>;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private again = false;
  private stopped = false;
  private failing = false;

  protected constructor(
    protected readonly queue: Queue<Data>,
    private readonly rowStore: RelayStore,
    private readonly metrics: Metrics,
    options: PollingRelayOptions,
  ) {
    this.settings = { queueTimeoutMs: 5000, fullRetryMs: 50, backoffMs: 1000, ...options };
    this.logger = new Logger(new.target.name);
  }

  /** In the pass's transaction: lock up to `limit` due rows (never claimed, or claimed more than `leaseSeconds` ago), oldest first, SKIP LOCKED. */
  protected abstract lockDue(manager: EntityManager, limit: number, leaseSeconds: number): Promise<Row[]>;

  /** The jobs for the locked rows and how to record them on the rows (lease tokens, dispatch marks). */
  protected abstract batch(rows: Row[], leaseSeconds: number): RelayBatch<Data>;

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  /** Stops the timer and waits for a running pass to end (its transaction commits or rolls back). */
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** Look now (new rows were committed): the next pass starts at once, or right after the running one. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) this.again = true;
    else this.schedule(0);
  }

  /** One pass: returns how many rows went to the queue, or null when the queue is full. Throws when PostgreSQL or Redis fails. */
  async relayOnce(): Promise<number | null> {
    const { maxWaitingJobs, queueTimeoutMs, batchSize, leaseSeconds, what } = this.settings;
    if (maxWaitingJobs !== null) {
      const waiting = await withTimeout(this.queue.getWaitingCount(), queueTimeoutMs, `counting waiting ${what}`);
      if (waiting >= maxWaitingJobs) return null;
    }
    return this.rowStore.transaction(async (manager) => {
      const rows = await this.lockDue(manager, batchSize, leaseSeconds);
      if (rows.length === 0) return 0;
      const { jobs, record } = this.batch(rows, leaseSeconds);
      await withTimeout(this.queue.addBulk(jobs), queueTimeoutMs, `enqueueing ${what}`);
      await record(manager);
      return rows.length;
    });
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.run(), delay);
  }

  /** Runs one pass (the only place that does), then schedules the next. */
  private async run(): Promise<void> {
    this.again = false;
    this.running = this.pass();
    const delay = await this.running;
    this.running = undefined;
    this.schedule(this.again ? 0 : delay);
  }

  /** One pass, never throwing; returns the delay before the next. */
  private async pass(): Promise<number> {
    const { pollMs, batchSize, fullRetryMs, backoffMs, title, relay } = this.settings;
    let outcome: RelayPassOutcome;
    let delay = pollMs;
    try {
      const relayed = await this.relayOnce();
      if (this.failing) this.logger.log(`${title} recovered`);
      this.failing = false;
      if (relayed === null) {
        // Full: look again soon, the processor is taking jobs off.
        outcome = 'full';
        delay = Math.min(pollMs, fullRetryMs);
      } else {
        outcome = relayed > 0 ? 'relayed' : 'idle';
        if (relayed > 0) this.metrics.relayedRows.inc({ relay }, relayed);
        if (relayed >= batchSize) delay = 0;
      }
    } catch (e) {
      if (!this.failing) this.logger.warn(`${title} paused: ${(e as Error).message}`);
      this.failing = true;
      outcome = 'failed';
      delay = Math.max(pollMs, backoffMs);
    }
    this.metrics.relayPasses.inc({ relay, outcome });
    return delay;
  }
}
