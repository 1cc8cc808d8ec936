import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Env, withTimeout } from '@clockwork/server-core';
import { QUEUES, WebhookDeliveryJob } from '@clockwork/shared-jobs';
import type { Queue } from 'bull';
import { randomUUID } from 'node:crypto';
import { DeliveryStore } from './delivery.store';

const BATCH_SIZE = 200;
const QUEUE_TIMEOUT_MS = 5000;
const BACKOFF_MS = 1000;


/**
 * Puts due deliveries into the webhook-deliveries queue: right after a fan-out commits (kick)
 * and every WEBHOOK_POLL_MS (the sweeper). Each job carries a fresh lease token written to the
 * row; a delivery whose job Redis lost (or whose worker died) is leased again once its lease
 * runs out (OUTBOX_REDISPATCH_SECONDS for queued jobs, the request timeout for a claimed
 * attempt). While Redis is down the transaction rolls back and the rows wait in PostgreSQL.
 */
@Injectable()
export class WebhookDeliveryRelay implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(WebhookDeliveryRelay.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  private failing = false;

  constructor(
    private readonly store: DeliveryStore,
    @InjectQueue(QUEUES.webhookDeliveries) private readonly queue: Queue<WebhookDeliveryJob>,
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

  /** Look now (new deliveries were committed). */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.schedule(0);
  }

  /** Enqueues one batch of due deliveries; returns how many. */
  relayOnce(): Promise<number> {
    return this.store.transaction(async (manager) => {
      const rows = (await this.store.lockDue(manager, BATCH_SIZE)).map((r) => ({ ...r, token: randomUUID() }));
      if (rows.length === 0) return 0;
      const jobs = rows.map((r) => ({
        data: { organizationId: r.organization_id, deliveryId: r.id, attempt: r.attempts + 1, leaseToken: r.token },
        opts: { jobId: `${r.id}:${r.attempts + 1}:${r.token}` },
      }));
      await withTimeout(this.queue.addBulk(jobs), QUEUE_TIMEOUT_MS, 'enqueueing webhook deliveries');
      await this.store.lease(manager, rows, this.env.OUTBOX_REDISPATCH_SECONDS);
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
    let delay = this.env.WEBHOOK_POLL_MS;
    try {
      this.again = false;
      const relayed = await this.relayOnce();
      if (this.failing) this.logger.log('Webhook delivery relay recovered');
      this.failing = false;
      if (relayed === BATCH_SIZE || this.again) delay = 0;
    } catch (e) {
      if (!this.failing) this.logger.warn(`Webhook delivery relay paused: ${(e as Error).message}`);
      this.failing = true;
      delay = Math.max(delay, BACKOFF_MS);
    }
    this.schedule(delay);
  }
}
