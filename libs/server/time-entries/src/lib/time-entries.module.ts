import { Module } from '@nestjs/common';
import { IdempotencyStore } from './ingestion/idempotency.store';
import { TimeEntriesController } from './ingestion/time-entries.controller';
import { TimeEntriesRepository } from './ingestion/time-entries.repository';
import { TimeEntriesService } from './ingestion/time-entries.service';
import { DealMatcherModule } from './matching/deal-matcher.module';
import { AssignmentTargets } from './review/assignment-targets.rules';
import { TimeEntryReviewRepository } from './review/time-entry-review.repository';
import { TimeEntryReviewService } from './review/time-entry-review.service';
import { MappingRulesController } from './rules/mapping-rules.controller';
import { MappingRulesRepository } from './rules/mapping-rules.repository';
import { MappingRulesService } from './rules/mapping-rules.service';

/**
 * Time entries in the api: ingestion (`/time-entries`), the review queue (assignments by hand)
 * and the mapping rules (`/mapping-rules`); entries are matched to deals and tasks by the
 * DealMatcher (matching/). The worker side is TimeEntriesWorkerModule (worker/).
 */
@Module({
  imports: [DealMatcherModule],
  controllers: [TimeEntriesController, MappingRulesController],
  providers: [TimeEntriesService, TimeEntriesRepository, IdempotencyStore, TimeEntryReviewService, TimeEntryReviewRepository, AssignmentTargets, MappingRulesService, MappingRulesRepository],
  exports: [TimeEntriesService, TimeEntriesRepository],
})
export class TimeEntriesModule {}
