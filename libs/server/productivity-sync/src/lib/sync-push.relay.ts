import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import { Env, leasedBatch, Metrics, PollingRelay, RelayBatch } from '@clockwork/server-core';
import { ProductivitySyncJob, QUEUES } from '@clockwork/shared-jobs';
import type { Queue } from 'bull';
import type { EntityManager } from 'typeorm';
import { SyncRecordsRepository } from './sync-records.repository';

const BATCH_SIZE = 200;
/**
 * The sweeper stops while this many pushes wait in the queue (one job per push): the backlog
 * stays in PostgreSQL and leases of queued jobs do not run out while they wait.
 */
const MAX_WAITING_JOBS = 2 * BATCH_SIZE;

type DuePush = { organization_id: string; id: string };

/**
 * The sweeper (a PollingRelay): every SYNC_POLL_MS it puts the due pushes into the
 * productivity-sync queue, each job with a fresh lease token written to its sync record. A push
 * whose job Redis lost (or whose worker died) is leased again once its lease runs out; while
 * Redis is down the transaction rolls back and the records wait in PostgreSQL.
 */
@Injectable()
export class SyncPushRelay extends PollingRelay<DuePush, ProductivitySyncJob> {
  constructor(
    private readonly records: SyncRecordsRepository,
    @InjectQueue(QUEUES.productivitySync) queue: Queue<ProductivitySyncJob>,
    env: Env,
    metrics: Metrics,
  ) {
    super(queue, records, metrics, {
      relay: 'sync_push',
      title: 'Productivity sync sweeper',
      what: 'sync pushes',
      pollMs: env.SYNC_POLL_MS,
      batchSize: BATCH_SIZE,
      leaseSeconds: env.OUTBOX_REDISPATCH_SECONDS,
      maxWaitingJobs: MAX_WAITING_JOBS,
    });
  }

  protected lockDue(manager: EntityManager, limit: number): Promise<DuePush[]> {
    return this.records.lockDue(manager, limit);
  }

  protected batch(rows: DuePush[], leaseSeconds: number): RelayBatch<ProductivitySyncJob> {
    const job = ([r]: DuePush[], token: string) => ({ data: { organizationId: r.organization_id, syncRecordId: r.id, leaseToken: token }, jobId: r.id });
    return leasedBatch(rows.map((r) => [r]), job, (manager, leased) => this.records.lease(manager, leased, leaseSeconds));
  }
}
