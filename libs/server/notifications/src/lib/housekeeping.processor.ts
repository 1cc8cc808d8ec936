import { Process, Processor } from '@nestjs/bull';
import { Env, JobGate } from '@clockwork/server-core';
import type { Job } from 'bull';
import { HOUSEKEEPING_JOB, QUEUES } from '@clockwork/shared-jobs';
import { HousekeepingService } from './housekeeping.service';

export { HOUSEKEEPING_JOB };

/**
 * Thin processor: every HOUSEKEEPING_INTERVAL_SECONDS, delete expired Idempotency-Keys, old
 * webhook receipts, processed outbox events past OUTBOX_RETENTION_DAYS, finished webhook
 * deliveries past WEBHOOK_DELIVERY_RETENTION_DAYS, unverified signups past 24 h and spent or
 * expired account links.
 */
@Processor(QUEUES.housekeeping)
export class HousekeepingProcessor {
  constructor(
    private readonly housekeeping: HousekeepingService,
    private readonly env: Env,
    private readonly gate: JobGate,
  ) {}

  @Process({ name: HOUSEKEEPING_JOB, concurrency: 1 })
  async run(job: Job): Promise<{ idempotency_keys: number; webhook_receipts: number; personal_entry_keys: number; outbox_events: number; webhook_deliveries: number; unverified_signups: number; account_tokens: number }> {
    await this.gate.admit(QUEUES.housekeeping, job);
    return {
      idempotency_keys: await this.housekeeping.deleteExpiredIdempotencyKeys(),
      webhook_receipts: await this.housekeeping.deleteOldWebhookReceipts(this.env.WEBHOOK_RECEIPT_RETENTION_DAYS),
      personal_entry_keys: await this.housekeeping.deleteOldPersonalEntryKeys(),
      outbox_events: await this.housekeeping.deleteProcessedEvents(this.env.OUTBOX_RETENTION_DAYS),
      webhook_deliveries: await this.housekeeping.deleteFinishedDeliveries(this.env.WEBHOOK_DELIVERY_RETENTION_DAYS),
      unverified_signups: await this.housekeeping.deleteExpiredSignups(),
      account_tokens: await this.housekeeping.deleteOldAccountTokens(),
    };
  }
}
