import { Process, Processor } from '@nestjs/bull';
import { Env } from '@clockwork/server-core';
import { QUEUES } from '@clockwork/shared-jobs';
import { HousekeepingService } from './housekeeping.service';

export const HOUSEKEEPING_JOB = 'expired-idempotency-keys';

/** Thin processor: every HOUSEKEEPING_INTERVAL_SECONDS, delete expired Idempotency-Keys and old webhook receipts. */
@Processor(QUEUES.housekeeping)
export class HousekeepingProcessor {
  constructor(
    private readonly housekeeping: HousekeepingService,
    private readonly env: Env,
  ) {}

  @Process({ name: HOUSEKEEPING_JOB, concurrency: 1 })
  async run(): Promise<{ idempotency_keys: number; webhook_receipts: number; personal_entry_keys: number }> {
    return {
      idempotency_keys: await this.housekeeping.deleteExpiredIdempotencyKeys(),
      webhook_receipts: await this.housekeeping.deleteOldWebhookReceipts(this.env.WEBHOOK_RECEIPT_RETENTION_DAYS),
      personal_entry_keys: await this.housekeeping.deleteOldPersonalEntryKeys(),
    };
  }
}
