import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { listPage, RequestContext, SortFields, TenantRepository } from '@clockwork/server-core';
import type { MappingRuleDto, MappingRuleQueryDto } from '@clockwork/shared-dto';
import { MappingRule } from '@clockwork/shared-entities';
import { DataSource } from 'typeorm';

/** The indexed orders a rule list can take (each index leads with organization_id). */
export const MAPPING_RULE_SORTS: SortFields<MappingRule> = {
  priority: { column: 'priority', cast: 'numeric', property: 'priority' },
  created_at: { column: 'created_at', cast: 'timestamptz', property: 'createdAt' },
};

@Injectable()
export class MappingRulesRepository extends TenantRepository<MappingRule> {
  constructor(@InjectDataSource() dataSource: DataSource, context: RequestContext) {
    super(dataSource, context, MappingRule, 'Mapping rule');
  }

  /** One page of rules; by default in the order they are tried (priority, then age). */
  listPage(query: MappingRuleQueryDto, map: (r: MappingRule) => MappingRuleDto) {
    const qb = this.scoped('r');
    if (query.enabled) qb.andWhere('r.enabled = :enabled', { enabled: query.enabled === 'true' });
    if (query.deal_id) qb.andWhere('r.deal_id = :deal', { deal: query.deal_id });
    return listPage(qb, 'r', query, MAPPING_RULE_SORTS, 'priority:asc', map);
  }
}
