import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { DomainEventBatchJob, DomainEventJob, QUEUES } from '@clockwork/shared-jobs';
import type { Queue } from 'bull';
import { createHash } from 'node:crypto';
import { Env } from '../config/environment';
import { OutboxRepository, PendingOutboxRow } from './outbox.repository';
import { withTimeout } from '../async/with-timeout';

const BATCH_SIZE = 1000;
/** Events of one organization per job: claimed and handled in one transaction. */
export const EVENTS_PER_JOB = 100;
/** The relay stops while this many jobs wait: the backlog stays in PostgreSQL, Redis holds a window of it. */
const MAX_WAITING_JOBS = 20;
const QUEUE_TIMEOUT_MS = 5000;
const FULL_RETRY_MS = 50;
const BACKOFF_MS = 1000;

type RelayJob = { data: DomainEventJob | DomainEventBatchJob; opts: { jobId: string } };

/**
 * The jobs for relayed rows. A row relayed for the first time joins a batch of its organization
 * (job id derived from the batch's event ids); a row relayed again (its job lost, failed for
 * good, or still waiting) gets a job of its own with job id = event id, as before batches: Bull
 * ignores it while that job exists, so an event that failed every retry stays parked in the
 * failed set instead of going round again.
 */
export function relayJobs(rows: PendingOutboxRow[], perJob = EVENTS_PER_JOB): RelayJob[] {
  const jobs: RelayJob[] = [];
  const fresh = new Map<string, string[]>();
  for (const r of rows) {
    if (r.dispatch_count > 0) jobs.push({ data: { eventId: r.id, organizationId: r.organization_id, type: r.type }, opts: { jobId: r.id } });
    else if (fresh.has(r.organization_id)) fresh.get(r.organization_id)?.push(r.id);
    else fresh.set(r.organization_id, [r.id]);
  }
  for (const [organizationId, ids] of fresh) {
    for (let at = 0; at < ids.length; at += perJob) {
      const eventIds = ids.slice(at, at + perJob);
      const jobId = eventIds.length === 1 ? eventIds[0] : `batch-${createHash('sha1').update(eventIds.join(',')).digest('hex')}`;
      jobs.push({ data: { organizationId, eventIds }, opts: { jobId } });
    }
  }
  return jobs;
}

/**
 * Moves pending outbox rows into the domain-events queue. Rows are locked, enqueued (a batch
 * of up to EVENTS_PER_JOB events of one organization per job; Bull ignores a second add of the
 * same job id), then marked dispatched in the same transaction; if Redis is down the
 * transaction rolls back and the rows wait. While MAX_WAITING_JOBS jobs wait, nothing is added.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(OutboxRelay.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private stopped = false;
  private failing = false;

  constructor(
    private readonly outbox: OutboxRepository,
    @InjectQueue(QUEUES.domainEvents) private readonly queue: Queue<DomainEventJob | DomainEventBatchJob>,
    private readonly env: Env,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** Relays one batch; returns how many events went to the queue, or null when the queue is full. */
  async relayOnce(): Promise<number | null> {
    const waiting = await withTimeout(this.queue.getWaitingCount(), QUEUE_TIMEOUT_MS, 'counting waiting domain events');
    if (waiting >= MAX_WAITING_JOBS) return null;
    return this.outbox.transaction(async (manager) => {
      const rows = await this.outbox.lockPending(manager, BATCH_SIZE, this.env.OUTBOX_REDISPATCH_SECONDS);
      if (rows.length === 0) return 0;
      await withTimeout(this.queue.addBulk(relayJobs(rows)), QUEUE_TIMEOUT_MS, 'enqueueing outbox events');
      await this.outbox.markDispatched(manager, rows);
      return rows.length;
    });
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick();
    }, delay);
  }

  private async tick(): Promise<void> {
    let delay = this.env.OUTBOX_POLL_MS;
    try {
      const relayed = await this.relayOnce();
      if (this.failing) this.logger.log('Outbox relay recovered');
      this.failing = false;
      if (relayed === BATCH_SIZE) delay = 0;
      // Full: look again soon, the processor is taking jobs off.
      else if (relayed === null) delay = Math.min(delay, FULL_RETRY_MS);
    } catch (e) {
      if (!this.failing) this.logger.warn(`Outbox relay paused: ${(e as Error).message}`);
      this.failing = true;
      delay = Math.max(delay, BACKOFF_MS);
    }
    this.schedule(delay);
  }
}
