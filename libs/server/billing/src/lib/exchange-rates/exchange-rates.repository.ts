import { Injectable } from '@nestjs/common';
import { byCreation, createdAtSort, ListOrder, TenantRepository, whereEquals } from '@clockwork/server-core';
import type { ExchangeRateDto, ExchangeRateQueryDto } from '@clockwork/shared-dto';
import { ExchangeRate, UsedExchangeRate } from '@clockwork/shared-entities';
import { EntityManager } from 'typeorm';

const ORDER: ListOrder<ExchangeRate> = {
  ...byCreation<ExchangeRate>(),
  sorts: { created_at: createdAtSort(), rate_date: { column: 'rate_date', cast: 'date', property: 'rateDate' } },
};

@Injectable()
export class ExchangeRatesRepository extends TenantRepository<ExchangeRate> {
  constructor() {
    super(ExchangeRate, 'Exchange rate');
  }

  listPage(query: ExchangeRateQueryDto, map: (r: ExchangeRate) => ExchangeRateDto) {
    return this.page('x', query, map, { order: ORDER, filter: (qb) => whereEquals(qb, 'x', { base_currency: query.base_currency, quote_currency: query.quote_currency }) });
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
