import { Injectable } from '@nestjs/common';
import { TenantRepository, whereEquals } from '@clockwork/server-core';
import type { RateDto, RateQueryDto } from '@clockwork/shared-dto';
import { BillingRate } from '@clockwork/shared-entities';
import { EntityManager, SelectQueryBuilder } from 'typeorm';
import { whereActiveOn } from '../rate-periods.rules';
import { RATE_OF_ENTRY, ResolvedRate } from './rate-resolution.rules';

@Injectable()
export class RatesRepository extends TenantRepository<BillingRate> {
  constructor() {
    super(BillingRate, 'Rate');
  }

  listPage(query: RateQueryDto, map: (r: BillingRate) => RateDto) {
    const filter = (qb: SelectQueryBuilder<BillingRate>) =>
      whereActiveOn(whereEquals(qb, 'r', { level: query.level, account_id: query.account_id, deal_id: query.deal_id, user_id: query.user_id }), 'r', query.active_on);
    return this.page('r', query, map, { filter });
  }

  /** The rate of each given time entry of this organization (null: none applies), in one query. */
  async resolveForEntries(entryIds: string[], manager?: EntityManager): Promise<Map<string, ResolvedRate | null>> {
    const rows: (Partial<ResolvedRate> & { entry_id: string })[] = await (manager ?? this.dataSource.manager).query(
      `SELECT e.id AS entry_id, rate.id AS rate_id, rate.level, rate.hourly_rate, rate.currency
         FROM time_entries e ${RATE_OF_ENTRY('e')}
        WHERE e.organization_id = $1 AND e.id = ANY($2::uuid[])`,
      [this.organizationId, entryIds],
    );
    return new Map(rows.map((r) => [r.entry_id, r.rate_id ? (r as ResolvedRate) : null]));
  }
}
