import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import { DomainEventBatchJob, DomainEventJob, QUEUES } from '@clockwork/shared-jobs';
import type { Queue } from 'bull';
import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { Env } from '../config/environment.config';
import { Metrics } from '../metrics/metrics.service';
import { PollingRelay, RelayBatch } from '../polling/polling.relay';
import { OutboxRepository, PendingOutboxRow } from './outbox.repository';

const BATCH_SIZE = 1000;
/** Events of one organization per job: claimed and handled in one transaction. */
export const EVENTS_PER_JOB = 100;
/** The relay stops while this many jobs wait: the backlog stays in PostgreSQL, Redis holds a window of it. */
const MAX_WAITING_JOBS = 20;

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
 * Moves pending outbox rows into the domain-events queue (a PollingRelay, every OUTBOX_POLL_MS).
 * Rows are locked, enqueued (a batch of up to EVENTS_PER_JOB events of one organization per
 * job; Bull ignores a second add of the same job id), then marked dispatched in the same
 * transaction; if Redis is down the transaction rolls back and the rows wait. An event
 * dispatched more than OUTBOX_REDISPATCH_SECONDS ago and still unprocessed is relayed again.
 * While MAX_WAITING_JOBS jobs wait, nothing is added.
 */
@Injectable()
export class OutboxRelay extends PollingRelay<PendingOutboxRow, DomainEventJob | DomainEventBatchJob> {
  constructor(
    private readonly outbox: OutboxRepository,
    @InjectQueue(QUEUES.domainEvents) queue: Queue<DomainEventJob | DomainEventBatchJob>,
    env: Env,
    metrics: Metrics,
  ) {
    super(queue, outbox, metrics, {
      relay: 'outbox',
      title: 'Outbox relay',
      what: 'domain events',
      pollMs: env.OUTBOX_POLL_MS,
      batchSize: BATCH_SIZE,
      leaseSeconds: env.OUTBOX_REDISPATCH_SECONDS,
      maxWaitingJobs: MAX_WAITING_JOBS,
    });
  }

  protected lockDue(manager: EntityManager, limit: number, leaseSeconds: number): Promise<PendingOutboxRow[]> {
    return this.outbox.lockPending(manager, limit, leaseSeconds);
  }

  protected batch(rows: PendingOutboxRow[]): RelayBatch<DomainEventJob | DomainEventBatchJob> {
    return { jobs: relayJobs(rows), record: (manager) => this.outbox.markDispatched(manager, rows) };
  }
}
