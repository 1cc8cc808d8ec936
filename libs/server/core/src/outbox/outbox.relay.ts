import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { DomainEventJob, QUEUES } from '@clockwork/shared-jobs';
import type { Queue } from 'bull';
import { Env } from '../config/environment';
import { OutboxRepository } from './outbox.repository';
import { withTimeout } from '../async/with-timeout';

const BATCH_SIZE = 200;
const QUEUE_TIMEOUT_MS = 5000;
const BACKOFF_MS = 1000;


/**
 * Moves pending outbox rows into the domain-events queue. Rows are locked, enqueued with
 * job id = event id (Bull ignores a second add of the same id), then marked dispatched in the
 * same transaction; if Redis is down the transaction rolls back and the rows wait.
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
    @InjectQueue(QUEUES.domainEvents) private readonly queue: Queue<DomainEventJob>,
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

  /** Relays one batch; returns how many events went to the queue. */
  relayOnce(): Promise<number> {
    return this.outbox.transaction(async (manager) => {
      const rows = await this.outbox.lockPending(manager, BATCH_SIZE, this.env.OUTBOX_REDISPATCH_SECONDS);
      if (rows.length === 0) return 0;
      const jobs = rows.map((r) => ({
        data: { eventId: r.id, organizationId: r.organization_id, type: r.type },
        opts: { jobId: r.id },
      }));
      await withTimeout(this.queue.addBulk(jobs), QUEUE_TIMEOUT_MS, 'enqueueing outbox events');
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
    } catch (e) {
      if (!this.failing) this.logger.warn(`Outbox relay paused: ${(e as Error).message}`);
      this.failing = true;
      delay = Math.max(delay, BACKOFF_MS);
    }
    this.schedule(delay);
  }
}
