import { Module } from '@nestjs/common';
import { TimeEntryMapper, TimeMappingModule } from '@clockwork/server-time-mapping';
import { IdempotencyStore } from './idempotency';
import { TimeEntriesController } from './time-entries.controller';
import { TimeEntriesRepository } from './time-entries.repository';
import { TimeEntriesService } from './time-entries.service';
import { TIME_ENTRY_MAPPER } from './time-entry-mapping';

/** Time-entry ingestion; entries are mapped to deals and tasks by the time-mapping engine. */
@Module({
  imports: [TimeMappingModule],
  controllers: [TimeEntriesController],
  providers: [TimeEntriesService, TimeEntriesRepository, IdempotencyStore, { provide: TIME_ENTRY_MAPPER, useExisting: TimeEntryMapper }],
  exports: [TimeEntriesService, TimeEntriesRepository],
})
export class TimeEntriesModule {}
