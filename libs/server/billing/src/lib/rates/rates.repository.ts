import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { listPage, RequestContext, SortFields, TenantRepository, whereEquals } from '@clockwork/server-core';
import type { RateDto, RateQueryDto } from '@clockwork/shared-dto';
import { BillingRate } from '@clockwork/shared-entities';
import { DataSource, EntityManager } from 'typeorm';
import { RATE_OF_ENTRY, ResolvedRate } from './rate-resolution.rules';

const RATE_SORTS: SortFields<BillingRate> = {
  created_at: { column: 'created_at', cast: 'timestamptz', property: 'createdAt' },
};

@Injectable()
export class RatesRepository extends TenantRepository<BillingRate> {
  constructor(@InjectDataSource() dataSource: DataSource, context: RequestContext) {
    super(dataSource, context, BillingRate, 'Rate');
  }

  listPage(query: RateQueryDto, map: (r: BillingRate) => RateDto) {
    const qb = this.scoped('r');
    whereEquals(qb, 'r', { level: query.level, account_id: query.account_id, deal_id: query.deal_id, user_id: query.user_id });
    if (query.active_on) qb.andWhere('r.valid_from <= :day AND (r.valid_to IS NULL OR r.valid_to >= :day)', { day: query.active_on });
    return listPage(qb, 'r', query, RATE_SORTS, 'created_at:desc', map);
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
