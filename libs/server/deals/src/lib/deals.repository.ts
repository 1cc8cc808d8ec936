import { Injectable } from '@nestjs/common';
import { ListOrder, ReadReplicas, TenantRepository, timestampSorts, whereEquals, whereNameMatches } from '@clockwork/server-core';
import { whereCustomFields } from '@clockwork/server-custom-fields';
import type { DealDto, DealQueryDto } from '@clockwork/shared-dto';
import { Deal } from '@clockwork/shared-entities';
import { SelectQueryBuilder } from 'typeorm';

/** The indexed orders a deal list can take (each index leads with organization_id). */
const DEAL_ORDER: ListOrder<Deal> = {
  sorts: { ...timestampSorts<Deal>(), name: { column: 'name', cast: 'text', property: 'name' }, value: { column: 'value', cast: 'numeric', property: 'value' } },
  fallback: 'created_at:desc',
};

@Injectable()
export class DealsRepository extends TenantRepository<Deal> {
  constructor(private readonly replicas: ReadReplicas) {
    super(Deal, 'Deal');
  }

  /** One page of deals matching the filters; `q` matches names by trigram similarity. Read on a replica when one is up to date (ReadReplicas). */
  listPage(query: DealQueryDto, map: (d: Deal) => DealDto, customFields?: Record<string, unknown>) {
    const filter = (qb: SelectQueryBuilder<Deal>) =>
      whereNameMatches(whereEquals(whereCustomFields(qb, 'd', customFields), 'd', { account_id: query.account_id, owner_id: query.owner_id, pipeline_id: query.pipeline_id, stage: query.stage }), 'd', query.q);
    return this.replicas.read((source) => this.page('d', query, map, { manager: source.manager, filter, order: DEAL_ORDER }));
  }
}
