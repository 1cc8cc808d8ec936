import { Injectable } from '@nestjs/common';
import { MappingRuleSource, type RuleMatch, type RuleSourceInput } from '@clockwork/server-time-mapping';
import type { EntityManager } from 'typeorm';
import { compileRules, firstMatch } from './rule-matcher';
import { RuleLookupRepository } from './rule-lookup.repository';

/**
 * The mapper's rule step: one query per batch loads the organization's enabled rules with their
 * targets, then each entry takes the first rule (priority, then age) whose criteria all hold.
 * Recorded on the entry as `rule:<rule id>`.
 */
@Injectable()
export class StoredMappingRuleSource extends MappingRuleSource {
  constructor(private readonly lookup: RuleLookupRepository) {
    super();
  }

  async match(manager: EntityManager, organizationId: string, inputs: RuleSourceInput[]): Promise<(RuleMatch | null)[]> {
    if (inputs.length === 0) return [];
    const rules = compileRules(await this.lookup.enabledRules(manager, organizationId));
    if (rules.length === 0) return inputs.map(() => null);
    return inputs.map((input) => firstMatch(rules, input));
  }
}
