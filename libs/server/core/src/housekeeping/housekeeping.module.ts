import { BullModule } from '@nestjs/bull';
import { Global, Module } from '@nestjs/common';
import { HOUSEKEEPING_JOB, QUEUES } from '@clockwork/shared-jobs';
import { repeatableJob } from '../scheduling/repeatable-job.schedule';
import { HousekeepingProcessor } from './housekeeping.processor';
import { HousekeepingRegistry } from './housekeeping.registry';

/**
 * Worker only: the housekeeping queue, its repeatable job and processor, and the registry (global,
 * so each domain's worker module can register the clean-ups of its own tables).
 */
@Global()
@Module({
  imports: [BullModule.registerQueue({ name: QUEUES.housekeeping })],
  providers: [
    HousekeepingRegistry,
    HousekeepingProcessor,
    repeatableJob({ queue: QUEUES.housekeeping, job: HOUSEKEEPING_JOB, everyMs: (env) => env.HOUSEKEEPING_INTERVAL_SECONDS * 1000, what: 'housekeeping' }),
  ],
  exports: [HousekeepingRegistry],
})
export class HousekeepingModule {}
