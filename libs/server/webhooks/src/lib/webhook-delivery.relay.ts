import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Env, withTimeout } from '@clockwork/server-core';
import { QUEUES, WebhookDeliveryBatchJob, WebhookDeliveryJob } from '@clockwork/shared-jobs';
import type { Queue } from 'bull';
import { randomUUID } from 'node:crypto';
import { DeliveryStore, DueDelivery } from './delivery.store';

const BATCH_SIZE = 500;
/**
 * Deliveries of one subscription per job: claimed with one statement, sent side by side over
 * kept-alive connections, recorded with one statement. A job takes about one request timeout
 * at most, whatever its size.
 */
export const DELIVERIES_PER_JOB = 25;
/** The relay stops while this many jobs wait: due deliveries stay in PostgreSQL, Redis holds a window of them. */
const MAX_WAITING_JOBS = 32;
const QUEUE_TIMEOUT_MS = 5000;
const BACKOFF_MS = 1000;
const FULL_RETRY_MS = 50;

/** Due deliveries -> jobs of up to DELIVERIES_PER_JOB deliveries of one subscription, each with a fresh lease token. */
export function deliveryJobs(rows: DueDelivery[], perJob = DELIVERIES_PER_JOB): { job: WebhookDeliveryBatchJob; rows: DueDelivery[] }[] {
  const bySubscription = new Map<string, DueDelivery[]>();
  for (const r of rows) {
    const key = `${r.organization_id}:${r.subscription_id}`;
    const group = bySubscription.get(key);
    if (group) group.push(r);
    else bySubscription.set(key, [r]);
  }
  const jobs: { job: WebhookDeliveryBatchJob; rows: DueDelivery[] }[] = [];
  for (const group of bySubscription.values()) {
    for (let at = 0; at < group.length; at += perJob) {
      const part = group.slice(at, at + perJob);
      jobs.push({
        job: { organizationId: part[0].organization_id, leaseToken: randomUUID(), deliveries: part.map((r) => ({ deliveryId: r.id, attempt: r.attempts + 1 })) },
        rows: part,
      });
    }
  }
  return jobs;
}


/**
 * Puts due deliveries into the webhook-deliveries queue: right after a fan-out commits (kick)
 * and every WEBHOOK_POLL_MS (the sweeper). Each job (up to DELIVERIES_PER_JOB deliveries of one
 * subscription) carries a fresh lease token written to its rows; a delivery whose job Redis
 * lost (or whose worker died) is leased again once its lease runs out (OUTBOX_REDISPATCH_SECONDS
 * for queued jobs, the request timeout for a claimed attempt). While Redis is down the
 * transaction rolls back and the rows wait in PostgreSQL; while MAX_WAITING_JOBS jobs wait,
 * nothing is added (a backlog is not copied into Redis, and leases of queued jobs do not run
 * out while they wait).
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
    @InjectQueue(QUEUES.webhookDeliveries) private readonly queue: Queue<WebhookDeliveryJob | WebhookDeliveryBatchJob>,
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

  /** Enqueues one batch of due deliveries; returns how many, or null when the queue is full. */
  async relayOnce(): Promise<number | null> {
    const waiting = await withTimeout(this.queue.getWaitingCount(), QUEUE_TIMEOUT_MS, 'counting waiting webhook deliveries');
    if (waiting >= MAX_WAITING_JOBS) return null;
    return this.store.transaction(async (manager) => {
      const rows = await this.store.lockDue(manager, BATCH_SIZE);
      if (rows.length === 0) return 0;
      const jobs = deliveryJobs(rows);
      await withTimeout(
        this.queue.addBulk(jobs.map(({ job }) => ({ data: job, opts: { jobId: `${job.deliveries[0].deliveryId}:${job.deliveries[0].attempt}:${job.leaseToken}` } }))),
        QUEUE_TIMEOUT_MS,
        'enqueueing webhook deliveries',
      );
      await this.store.lease(manager, jobs.flatMap(({ job, rows: part }) => part.map((r) => ({ ...r, token: job.leaseToken }))), this.env.OUTBOX_REDISPATCH_SECONDS);
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
      // Full: look again soon, the processor is taking jobs off.
      if (relayed === null) delay = Math.min(delay, FULL_RETRY_MS);
      else if (relayed === BATCH_SIZE || this.again) delay = 0;
    } catch (e) {
      if (!this.failing) this.logger.warn(`Webhook delivery relay paused: ${(e as Error).message}`);
      this.failing = true;
      delay = Math.max(delay, BACKOFF_MS);
    }
    this.schedule(delay);
  }
}
