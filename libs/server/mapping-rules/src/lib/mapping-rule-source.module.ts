import { Global, Module } from '@nestjs/common';
import { MappingRuleSource } from '@clockwork/server-time-mapping';
import { RuleLookupRepository } from './rule-lookup.repository';
import { StoredMappingRuleSource } from './stored-mapping-rule.source';

/**
 * Gives the time-entry mapper (api and worker) the organization's mapping rules: global, because
 * TimeEntryMapper looks for a MappingRuleSource wherever it is provided. Import it once per app.
 */
@Global()
@Module({
  providers: [RuleLookupRepository, { provide: MappingRuleSource, useClass: StoredMappingRuleSource }],
  exports: [MappingRuleSource],
})
export class MappingRuleSourceModule {}
