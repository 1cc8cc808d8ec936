import { Injectable } from '@nestjs/common';
import { TenantRepository, whereEquals } from '@clockwork/server-core';
import type { CostRateDto, CostRateQueryDto } from '@clockwork/shared-dto';
import { CostRate } from '@clockwork/shared-entities';
import { SelectQueryBuilder } from 'typeorm';
import { whereActiveOn } from '../rate-periods.rules';

@Injectable()
export class CostRatesRepository extends TenantRepository<CostRate> {
  constructor() {
    super(CostRate, 'Cost rate');
  }

  listPage(query: CostRateQueryDto, map: (r: CostRate) => CostRateDto) {
    const filter = (qb: SelectQueryBuilder<CostRate>) => whereActiveOn(whereEquals(qb, 'c', { level: query.level, user_id: query.user_id }), 'c', query.active_on);
    return this.page('c', query, map, { filter });
  }
}
