import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { TimeMappingModule } from '@clockwork/server-time-mapping';
import { QUEUES } from '@clockwork/shared-jobs';
import { ReviewQueueRemapper } from './review-queue-remapper.service';
import { TimeRemapHandler } from './time-remap.handler';
import { TimeRemapProcessor } from './time-remap.processor';
import { TimeRemapRepository } from './time-remap.repository';

/**
 * The worker side of mapping rules: `mapping_rule.*` -> time-remap queue -> the review queue
 * re-mapped with the current rules (the MappingRuleSourceModule gives the mapper the rules).
 */
@Module({
  imports: [BullModule.registerQueue({ name: QUEUES.timeRemap }), TimeMappingModule],
  providers: [TimeRemapHandler, TimeRemapProcessor, ReviewQueueRemapper, TimeRemapRepository],
  exports: [ReviewQueueRemapper],
})
export class TimeRemapWorkerModule {}
