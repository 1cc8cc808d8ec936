import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import { Env, leasedBatch, Metrics, PollingRelay, RelayBatch } from '@clockwork/server-core';
import { QUEUES, WebhookDeliveryBatchJob, WebhookDeliveryJob } from '@clockwork/shared-jobs';
import type { Queue } from 'bull';
import type { EntityManager } from 'typeorm';
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

/** Due deliveries -> groups of up to DELIVERIES_PER_JOB deliveries of one subscription, one job each. */
export function deliveryGroups(rows: DueDelivery[], perJob = DELIVERIES_PER_JOB): DueDelivery[][] {
  const bySubscription = new Map<string, DueDelivery[]>();
  for (const r of rows) {
    const key = `${r.organization_id}:${r.subscription_id}`;
    const group = bySubscription.get(key);
    if (group) group.push(r);
    else bySubscription.set(key, [r]);
  }
  const groups: DueDelivery[][] = [];
  for (const group of bySubscription.values()) {
    for (let at = 0; at < group.length; at += perJob) groups.push(group.slice(at, at + perJob));
  }
  return groups;
}

/** The job of a group of deliveries: the next attempt of each, under the group's lease token. */
export const deliveryJob = (part: DueDelivery[], leaseToken: string): WebhookDeliveryBatchJob => ({
  organizationId: part[0].organization_id,
  leaseToken,
  deliveries: part.map((r) => ({ deliveryId: r.id, attempt: r.attempts + 1 })),
});


/**
 * Puts due deliveries into the webhook-deliveries queue (a PollingRelay): right after a fan-out
 * commits (kick) and every WEBHOOK_POLL_MS (the sweeper). Each job (up to DELIVERIES_PER_JOB
 * deliveries of one subscription) carries a fresh lease token written to its rows; a delivery
 * whose job Redis lost (or whose worker died) is leased again once its lease runs out
 * (OUTBOX_REDISPATCH_SECONDS for queued jobs, the request timeout for a claimed attempt). While
 * Redis is down the transaction rolls back and the rows wait in PostgreSQL; while
 * MAX_WAITING_JOBS jobs wait, nothing is added (a backlog is not copied into Redis, and leases
 * of queued jobs do not run out while they wait).
 */
@Injectable()
export class WebhookDeliveryRelay extends PollingRelay<DueDelivery, WebhookDeliveryJob | WebhookDeliveryBatchJob> {
  constructor(
    private readonly store: DeliveryStore,
    @InjectQueue(QUEUES.webhookDeliveries) queue: Queue<WebhookDeliveryJob | WebhookDeliveryBatchJob>,
    env: Env,
    metrics: Metrics,
  ) {
    super(queue, store, metrics, {
      relay: 'webhook_deliveries',
      title: 'Webhook delivery relay',
      what: 'webhook deliveries',
      pollMs: env.WEBHOOK_POLL_MS,
      batchSize: BATCH_SIZE,
      leaseSeconds: env.OUTBOX_REDISPATCH_SECONDS,
      maxWaitingJobs: MAX_WAITING_JOBS,
    });
  }

  protected lockDue(manager: EntityManager, limit: number): Promise<DueDelivery[]> {
    return this.store.lockDue(manager, limit);
  }

  protected batch(rows: DueDelivery[], leaseSeconds: number): RelayBatch<WebhookDeliveryBatchJob> {
    const job = (part: DueDelivery[], token: string) => ({ data: deliveryJob(part, token), jobId: `${part[0].id}:${part[0].attempts + 1}` });
    return leasedBatch(deliveryGroups(rows), job, (manager, leased) => this.store.lease(manager, leased, leaseSeconds));
  }
}
