import { Process, Processor } from '@nestjs/bull';
import { QUEUES } from '@clockwork/shared-jobs';
import { HousekeepingService } from './housekeeping.service';

export const HOUSEKEEPING_JOB = 'expired-idempotency-keys';

/** Thin processor: every HOUSEKEEPING_INTERVAL_SECONDS, delete expired records. */
@Processor(QUEUES.housekeeping)
export class HousekeepingProcessor {
  constructor(private readonly housekeeping: HousekeepingService) {}

  @Process({ name: HOUSEKEEPING_JOB, concurrency: 1 })
  async run(): Promise<{ idempotency_keys: number }> {
    return { idempotency_keys: await this.housekeeping.deleteExpiredIdempotencyKeys() };
  }
}
