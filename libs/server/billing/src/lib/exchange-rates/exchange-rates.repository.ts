import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { listPage, RequestContext, SortFields, TenantRepository, whereEquals } from '@clockwork/server-core';
import type { ExchangeRateDto, ExchangeRateQueryDto } from '@clockwork/shared-dto';
import { ExchangeRate, UsedExchangeRate } from '@clockwork/shared-entities';
import { DataSource, EntityManager } from 'typeorm';

const SORTS: SortFields<ExchangeRate> = {
  created_at: { column: 'created_at', cast: 'timestamptz', property: 'createdAt' },
  rate_date: { column: 'rate_date', cast: 'date', property: 'rateDate' },
};

@Injectable()
export class ExchangeRatesRepository extends TenantRepository<ExchangeRate> {
  constructor(@InjectDataSource() dataSource: DataSource, context: RequestContext) {
    super(dataSource, context, ExchangeRate, 'Exchange rate');
  }

  listPage(query: ExchangeRateQueryDto, map: (r: ExchangeRate) => ExchangeRateDto) {
    const qb = this.scoped('x');
    whereEquals(qb, 'x', { base_currency: query.base_currency, quote_currency: query.quote_currency });
    return listPage(qb, 'x', query, SORTS, 'created_at:desc', map);
  }

  /** For each base currency, the latest stored rate into `quote` on or before `day`. */
  async latestOnOrBefore(manager: EntityManager, bases: string[], quote: string, day: string): Promise<Map<string, UsedExchangeRate>> {
    if (bases.length === 0) return new Map();
    const rows: UsedExchangeRate[] = await manager.query(
      `SELECT DISTINCT ON (base_currency) base_currency, quote_currency, rate::text AS rate, rate_date::text AS rate_date
         FROM exchange_rates
        WHERE organization_id = $1 AND base_currency = ANY($2::text[]) AND quote_currency = $3 AND rate_date <= $4::date
        ORDER BY base_currency, rate_date DESC`,
      [this.organizationId, bases, quote, day],
    );
    return new Map(rows.map((r) => [r.base_currency, r]));
  }
}
