import { Module } from '@nestjs/common';
import { LockedEntryConflictsRepository } from './ingestion/locked-entry-conflicts.repository';
import { UnlinkedEmployeesController } from './employees/unlinked-employees.controller';
import { UnlinkedEmployeesRepository } from './employees/unlinked-employees.repository';
import { UnlinkedEmployeesService } from './employees/unlinked-employees.service';
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
  controllers: [UnlinkedEmployeesController, TimeEntriesController, MappingRulesController],
  providers: [TimeEntriesService, TimeEntriesRepository, LockedEntryConflictsRepository, IdempotencyStore, TimeEntryReviewService, TimeEntryReviewRepository, AssignmentTargets, MappingRulesService, MappingRulesRepository, UnlinkedEmployeesService, UnlinkedEmployeesRepository],
  exports: [TimeEntriesService, TimeEntriesRepository, MappingRulesService],
})
export class TimeEntriesModule {}
