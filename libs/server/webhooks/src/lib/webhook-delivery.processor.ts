import { Processor } from '@nestjs/bull';
import { GatedProcess, Metrics } from '@clockwork/server-core';
import { isWebhookDeliveryBatchJob, QUEUES, WebhookDeliveryBatchJob, WebhookDeliveryJob } from '@clockwork/shared-jobs';
import type { Job } from 'bull';
import { BatchAttemptResult, DeliveryAttemptService } from './delivery-attempt.service';

/**
 * Jobs handled at once. Each sends its deliveries (up to DELIVERIES_PER_JOB, one subscription)
 * side by side, so at most CONCURRENCY × DELIVERIES_PER_JOB requests are in flight.
 */
const CONCURRENCY = 8;

/**
 * Thin Bull processor: job -> one attempt of each delivery it points to (a job of one delivery,
 * from before batches, too); the attempts made are counted in clockwork_webhook_deliveries_total
 * by outcome (succeeded, retrying, failed; a skipped delivery was not attempted).
 */
@Processor(QUEUES.webhookDeliveries)
export class WebhookDeliveryProcessor {
  constructor(
    private readonly attempts: DeliveryAttemptService,
    private readonly metrics: Metrics,
  ) {}

  @GatedProcess(QUEUES.webhookDeliveries, { concurrency: CONCURRENCY })
  async handle(job: Job<WebhookDeliveryJob | WebhookDeliveryBatchJob>): Promise<BatchAttemptResult> {
    const data = job.data;
    const result = await this.attempts.attempt(
      isWebhookDeliveryBatchJob(data) ? data : { organizationId: data.organizationId, leaseToken: data.leaseToken, deliveries: [{ deliveryId: data.deliveryId, attempt: data.attempt }] },
    );
    for (const outcome of ['succeeded', 'retrying', 'failed'] as const) if (result[outcome] > 0) this.metrics.webhookDeliveries.inc({ outcome }, result[outcome]);
    return result;
  }
}
