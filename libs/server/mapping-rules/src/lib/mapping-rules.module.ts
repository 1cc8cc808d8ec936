import { Module } from '@nestjs/common';
import { AssignmentTargets } from './assignment-targets';
import { MappingRulesController } from './mapping-rules.controller';
import { MappingRulesRepository } from './mapping-rules.repository';
import { MappingRulesService } from './mapping-rules.service';
import { RuleLookupRepository } from './rule-lookup.repository';

/** `/mapping-rules` CRUD; exports the service (rules made from assignments) and the target checks. */
@Module({
  controllers: [MappingRulesController],
  providers: [MappingRulesService, MappingRulesRepository, AssignmentTargets, RuleLookupRepository],
  exports: [MappingRulesService, AssignmentTargets],
})
export class MappingRulesModule {}
