import { Module } from '@nestjs/common';
import { MappingRulesModule } from '@clockwork/server-mapping-rules';
import { TimeEntryMapper, TimeMappingModule } from '@clockwork/server-time-mapping';
import { IdempotencyStore } from './idempotency';
import { TimeEntriesController } from './time-entries.controller';
import { TimeEntriesRepository } from './time-entries.repository';
import { TimeEntriesService } from './time-entries.service';
import { TimeEntryReviewRepository } from './time-entry-review.repository';
import { TimeEntryReviewService } from './time-entry-review.service';
import { TIME_ENTRY_MAPPER } from './time-entry-mapping';

/** Time-entry ingestion and the review queue; entries are mapped to deals and tasks by the time-mapping engine. */
@Module({
  imports: [TimeMappingModule, MappingRulesModule],
  controllers: [TimeEntriesController],
  providers: [TimeEntriesService, TimeEntriesRepository, TimeEntryReviewService, TimeEntryReviewRepository, IdempotencyStore, { provide: TIME_ENTRY_MAPPER, useExisting: TimeEntryMapper }],
  exports: [TimeEntriesService, TimeEntriesRepository],
})
export class TimeEntriesModule {}
