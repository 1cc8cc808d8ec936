import { Injectable } from '@nestjs/common';
import { createdAtSort, ListOrder, TenantRepository } from '@clockwork/server-core';
import type { MappingRuleDto, MappingRuleQueryDto } from '@clockwork/shared-dto';
import { MappingRule } from '@clockwork/shared-entities';
import { SelectQueryBuilder } from 'typeorm';

/** The indexed orders a rule list can take (each index leads with organization_id); by default the order rules are tried in. */
const MAPPING_RULE_ORDER: ListOrder<MappingRule> = {
  sorts: { priority: { column: 'priority', cast: 'numeric', property: 'priority' }, created_at: createdAtSort() },
  fallback: 'priority:asc',
};

@Injectable()
export class MappingRulesRepository extends TenantRepository<MappingRule> {
  constructor() {
    super(MappingRule, 'Mapping rule');
  }

  /** One page of rules; by default in the order they are tried (priority, then age). */
  listPage(query: MappingRuleQueryDto, map: (r: MappingRule) => MappingRuleDto) {
    const filter = (qb: SelectQueryBuilder<MappingRule>) => {
      if (query.enabled) qb.andWhere('r.enabled = :enabled', { enabled: query.enabled === 'true' });
      if (query.deal_id) qb.andWhere('r.deal_id = :deal', { deal: query.deal_id });
    };
    return this.page('r', query, map, { filter, order: MAPPING_RULE_ORDER });
  }
}
