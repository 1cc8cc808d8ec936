import { Process, Processor } from '@nestjs/bull';
import { QUEUES, WebhookDeliveryJob } from '@clockwork/shared-jobs';
import type { Job } from 'bull';
import { AttemptResult, DeliveryAttemptService } from './delivery-attempt.service';

/** Thin Bull processor: job -> one attempt of the delivery it points to. */
@Processor(QUEUES.webhookDeliveries)
export class WebhookDeliveryProcessor {
  constructor(private readonly attempts: DeliveryAttemptService) {}

  @Process({ concurrency: 16 })
  handle(job: Job<WebhookDeliveryJob>): Promise<AttemptResult> {
    return this.attempts.attempt(job.data);
  }
}
