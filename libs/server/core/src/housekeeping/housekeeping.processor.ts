import { Processor } from '@nestjs/bull';
import type { Job } from 'bull';
import { HOUSEKEEPING_JOB, QUEUES } from '@clockwork/shared-jobs';
import { GatedProcess } from '../redis/job-gate.decorators';
import { HousekeepingRegistry } from './housekeeping.registry';

export { HOUSEKEEPING_JOB };

/**
 * Thin processor: every HOUSEKEEPING_INTERVAL_SECONDS, runs every clean-up the domains
 * registered (expired Idempotency-Keys, old webhook receipts, processed outbox events, finished
 * webhook deliveries, unverified signups, spent account links, …) and returns rows deleted by name.
 */
@Processor(QUEUES.housekeeping)
export class HousekeepingProcessor {
  constructor(private readonly registry: HousekeepingRegistry) {}

  @GatedProcess(QUEUES.housekeeping, { name: HOUSEKEEPING_JOB, concurrency: 1 })
  run(_job: Job): Promise<Record<string, number>> {
    return this.registry.runAll();
  }
}
