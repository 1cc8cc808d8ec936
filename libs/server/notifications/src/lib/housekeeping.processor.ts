import { Process, Processor } from '@nestjs/bull';
import { Env, JobGate } from '@clockwork/server-core';
import type { Job } from 'bull';
import { HOUSEKEEPING_JOB, QUEUES } from '@clockwork/shared-jobs';
import { HousekeepingService } from './housekeeping.service';

export { HOUSEKEEPING_JOB };

/** Thin processor: every HOUSEKEEPING_INTERVAL_SECONDS, delete expired Idempotency-Keys and old webhook receipts. */
@Processor(QUEUES.housekeeping)
export class HousekeepingProcessor {
  constructor(
    private readonly housekeeping: HousekeepingService,
    private readonly env: Env,
    private readonly gate: JobGate,
  ) {}

  @Process({ name: HOUSEKEEPING_JOB, concurrency: 1 })
  async run(job: Job): Promise<{ idempotency_keys: number; webhook_receipts: number; personal_entry_keys: number }> {
    await this.gate.admit(QUEUES.housekeeping, job);
    return {
      idempotency_keys: await this.housekeeping.deleteExpiredIdempotencyKeys(),
      webhook_receipts: await this.housekeeping.deleteOldWebhookReceipts(this.env.WEBHOOK_RECEIPT_RETENTION_DAYS),
      personal_entry_keys: await this.housekeeping.deleteOldPersonalEntryKeys(),
    };
  }
}
