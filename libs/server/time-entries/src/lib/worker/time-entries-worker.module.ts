import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { QUEUES } from '@clockwork/shared-jobs';
import { DealMatcherModule } from '../matching/deal-matcher.module';
import { ReviewQueueRemapper } from '../review/review-queue-remapper.service';
import { TimeRemapRepository } from '../review/time-remap.repository';
import { TimeEntrySyncHandler } from '../sync-status/time-entry-sync.handler';
import { TimeRemapHandler } from './time-remap.handler';
import { TimeRemapProcessor } from './time-remap.processor';

/**
 * The worker side of time entries: `mapping_rule.*` -> time-remap queue -> the review queue
 * re-mapped with the current rules (DealMatcher), and `time_entry.*` -> the entries' sync_status.
 */
@Module({
  imports: [BullModule.registerQueue({ name: QUEUES.timeRemap }), DealMatcherModule],
  providers: [TimeRemapHandler, TimeRemapProcessor, ReviewQueueRemapper, TimeRemapRepository, TimeEntrySyncHandler],
  exports: [ReviewQueueRemapper],
})
export class TimeEntriesWorkerModule {}
