import { Process, Processor } from '@nestjs/bull';
import { JobGate } from '@clockwork/server-core';
import { isWebhookDeliveryBatchJob, QUEUES, WebhookDeliveryBatchJob, WebhookDeliveryJob } from '@clockwork/shared-jobs';
import type { Job } from 'bull';
import { BatchAttemptResult, DeliveryAttemptService } from './delivery-attempt.service';

/**
 * Jobs handled at once. Each sends its deliveries (up to DELIVERIES_PER_JOB, one subscription)
 * side by side, so at most CONCURRENCY × DELIVERIES_PER_JOB requests are in flight.
 */
const CONCURRENCY = 8;

/** Thin Bull processor: job -> one attempt of each delivery it points to (a job of one delivery, from before batches, too). */
@Processor(QUEUES.webhookDeliveries)
export class WebhookDeliveryProcessor {
  constructor(
    private readonly attempts: DeliveryAttemptService,
    private readonly gate: JobGate,
  ) {}

  @Process({ concurrency: CONCURRENCY })
  async handle(job: Job<WebhookDeliveryJob | WebhookDeliveryBatchJob>): Promise<BatchAttemptResult> {
    await this.gate.admit(QUEUES.webhookDeliveries, job);
    const data = job.data;
    if (isWebhookDeliveryBatchJob(data)) return this.attempts.attempt(data);
    return this.attempts.attempt({ organizationId: data.organizationId, leaseToken: data.leaseToken, deliveries: [{ deliveryId: data.deliveryId, attempt: data.attempt }] });
  }
}
