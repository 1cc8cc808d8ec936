import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { escapeLike, listPage, ReadReplicas, RequestContext, SortFields, TenantRepository, whereEquals } from '@clockwork/server-core';
import { whereCustomFields } from '@clockwork/server-custom-fields';
import type { DealDto, DealQueryDto } from '@clockwork/shared-dto';
import { Deal } from '@clockwork/shared-entities';
import { DataSource } from 'typeorm';

/** The indexed orders a deal list can take (each index leads with organization_id). */
export const DEAL_SORTS: SortFields<Deal> = {
  created_at: { column: 'created_at', cast: 'timestamptz', property: 'createdAt' },
  updated_at: { column: 'updated_at', cast: 'timestamptz', property: 'updatedAt' },
  name: { column: 'name', cast: 'text', property: 'name' },
  value: { column: 'value', cast: 'numeric', property: 'value' },
};


@Injectable()
export class DealsRepository extends TenantRepository<Deal> {
  constructor(@InjectDataSource() dataSource: DataSource, context: RequestContext, private readonly replicas: ReadReplicas) {
    super(dataSource, context, Deal, 'Deal');
  }

  /** One page of deals matching the filters; `q` matches names by trigram similarity. Read on a replica when one is up to date (ReadReplicas). */
  listPage(query: DealQueryDto, map: (d: Deal) => DealDto, customFields?: Record<string, unknown>) {
    return this.replicas.read(async (source) => {
      const qb = whereCustomFields(this.scoped('d', source.manager), 'd', customFields);
      whereEquals(qb, 'd', { account_id: query.account_id, owner_id: query.owner_id, pipeline_id: query.pipeline_id, stage: query.stage });
      if (query.q) qb.andWhere('(d.name ILIKE :like OR d.name % :q)', { like: `%${escapeLike(query.q)}%`, q: query.q });
      return listPage(qb, 'd', query, DEAL_SORTS, 'created_at:desc', map);
    });
  }
}
