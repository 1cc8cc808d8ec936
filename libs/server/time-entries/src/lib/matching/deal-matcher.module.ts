import { Module } from '@nestjs/common';
import { TimeEntryMapper } from './time-entry.mapper';
import { TimeMappingRepository } from './time-mapping.repository';

/**
 * The time-entry mapping engine (no routes, no tables of its own). A MappingRuleSource
 * provider, when one exists, is picked up by TimeEntryMapper (see time-mapping.types.ts).
 */
@Module({
  providers: [TimeEntryMapper, TimeMappingRepository],
  exports: [TimeEntryMapper],
})
export class TimeMappingModule {}
