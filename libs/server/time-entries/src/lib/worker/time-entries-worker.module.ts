import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { QUEUES } from '@clockwork/shared-jobs';
import { TimeEntryKeysCleanup } from '../ingestion/time-entry-keys.cleanup';
import { DealMatcherModule } from '../matching/deal-matcher.module';
import { ReviewQueueRemapper } from '../review/review-queue-remapper.service';
import { TimeRemapRepository } from '../review/time-remap.repository';
import { TimeEntrySyncHandler } from '../sync-status/time-entry-sync.handler';
import { TimeRemapHandler } from './time-remap.handler';
import { TimeRemapProcessor } from './time-remap.processor';

/**
 * The worker side of time entries: `mapping_rule.*` -> time-remap queue -> the review queue
 * re-mapped with the current rules (DealMatcher), `time_entry.*` -> the entries' sync_status,
 * and the housekeeping of expired Idempotency-Keys and old personal-entry hashes.
 */
@Module({
  imports: [BullModule.registerQueue({ name: QUEUES.timeRemap }), DealMatcherModule],
  providers: [TimeRemapHandler, TimeRemapProcessor, ReviewQueueRemapper, TimeRemapRepository, TimeEntrySyncHandler, TimeEntryKeysCleanup],
  exports: [ReviewQueueRemapper],
})
export class TimeEntriesWorkerModule {}
