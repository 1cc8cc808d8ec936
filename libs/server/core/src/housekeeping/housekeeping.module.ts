import { BullModule } from '@nestjs/bull';
import { Global, Module } from '@nestjs/common';
import { QUEUES } from '@clockwork/shared-jobs';
import { HousekeepingProcessor } from './housekeeping.processor';
import { HousekeepingRegistry } from './housekeeping.registry';
import { HousekeepingSchedule } from './housekeeping.schedule';

/**
 * Worker only: the housekeeping queue, its repeatable job and processor, and the registry (global,
 * so each domain's worker module can register the clean-ups of its own tables).
 */
@Global()
@Module({
  imports: [BullModule.registerQueue({ name: QUEUES.housekeeping })],
  providers: [HousekeepingRegistry, HousekeepingProcessor, HousekeepingSchedule],
  exports: [HousekeepingRegistry],
})
export class HousekeepingModule {}
