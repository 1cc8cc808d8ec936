import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Env, withTimeout } from '@clockwork/server-core';
import { ProductivitySyncJob, QUEUES } from '@clockwork/shared-jobs';
import type { Queue } from 'bull';
import { randomUUID } from 'node:crypto';
import { SyncRecordsRepository } from './sync-records.repository';

const BATCH_SIZE = 200;
const QUEUE_TIMEOUT_MS = 5000;


/**
 * The sweeper: every SYNC_POLL_MS it puts the due pushes into the productivity-sync queue,
 * each job with a fresh lease token written to its sync record. A push whose job Redis lost (or
 * whose worker died) is leased again once its lease runs out; while Redis is down the
 * transaction rolls back and the records wait in PostgreSQL.
 */
@Injectable()
export class SyncPushRelay implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(SyncPushRelay.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private failing = false;

  constructor(
    private readonly records: SyncRecordsRepository,
    @InjectQueue(QUEUES.productivitySync) private readonly queue: Queue<ProductivitySyncJob>,
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

  /** Enqueues one batch of due pushes; returns how many. */
  relayOnce(): Promise<number> {
    return this.records.transaction(async (manager) => {
      const rows = (await this.records.lockDue(manager, BATCH_SIZE)).map((r) => ({ ...r, token: randomUUID() }));
      if (rows.length === 0) return 0;
      const jobs = rows.map((r) => ({ data: { organizationId: r.organization_id, syncRecordId: r.id, leaseToken: r.token }, opts: { jobId: `${r.id}:${r.token}` } }));
      await withTimeout(this.queue.addBulk(jobs), QUEUE_TIMEOUT_MS, 'enqueueing sync pushes');
      await this.records.lease(manager, rows, this.env.OUTBOX_REDISPATCH_SECONDS);
      return rows.length;
    });
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.running = this.tick().finally(() => (this.running = undefined));
    }, delay);
  }

  private async tick(): Promise<void> {
    let delay = this.env.SYNC_POLL_MS;
    try {
      const relayed = await this.relayOnce();
      if (this.failing) this.logger.log('Productivity sync sweeper recovered');
      this.failing = false;
      if (relayed === BATCH_SIZE) delay = 0;
    } catch (e) {
      if (!this.failing) this.logger.warn(`Productivity sync sweeper paused: ${(e as Error).message}`);
      this.failing = true;
      delay = Math.max(delay, 1000);
    }
    this.schedule(delay);
  }
}
