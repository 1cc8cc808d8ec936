import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { listPage, RequestContext, SortFields, TenantRepository } from '@clockwork/server-core';
import type { CostRateDto, CostRateQueryDto } from '@clockwork/shared-dto';
import { CostRate } from '@clockwork/shared-entities';
import { DataSource } from 'typeorm';

const COST_RATE_SORTS: SortFields<CostRate> = {
  created_at: { column: 'created_at', cast: 'timestamptz', property: 'createdAt' },
};

@Injectable()
export class CostRatesRepository extends TenantRepository<CostRate> {
  constructor(@InjectDataSource() dataSource: DataSource, context: RequestContext) {
    super(dataSource, context, CostRate, 'Cost rate');
  }

  listPage(query: CostRateQueryDto, map: (r: CostRate) => CostRateDto) {
    const qb = this.scoped('c');
    if (query.level) qb.andWhere('c.level = :level', { level: query.level });
    if (query.user_id) qb.andWhere('c.user_id = :user', { user: query.user_id });
    if (query.active_on) qb.andWhere('c.valid_from <= :day AND (c.valid_to IS NULL OR c.valid_to >= :day)', { day: query.active_on });
    return listPage(qb, 'c', query, COST_RATE_SORTS, 'created_at:desc', map);
  }
}
