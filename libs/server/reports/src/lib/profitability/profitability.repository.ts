import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { COST_RATE_ON_DAY, RATE_ON_DAY } from '@clockwork/server-billing';
import { RequestContext } from '@clockwork/server-core';
import type { ProfitabilityReportQueryDto } from '@clockwork/shared-dto';
import { DataSource } from 'typeorm';
import { DIMENSIONS, rollupConditions } from '../time-rollups.repository';

/** One key and currency as the database sums it: exact seconds, money rounded once per row. */
export interface ProfitabilitySqlRow {
  key: string | null;
  name: string | null;
  currency: string | null;
  billable_seconds: string;
  costed_seconds: string;
  billable_value: string;
  cost: string;
  invoiced_value: string;
}

/** The invoice line's key per grouping (lines of a deal belong to the deal's account, else the invoice's). */
const INVOICE_KEYS = { deal: 'l.deal_id', account: 'coalesce(ld.account_id, i.account_id)', user: 'l.user_id' } as const;

/**
 * Profitability from the daily time rollups (one row per day, deal, user, account and billable
 * flag): each row priced with the hourly rate and the person's cost rate in effect that day
 * (the billing lib's resolutions), plus the lines of issued and paid invoices dated in the range.
 * Money is summed exactly (seconds × rate) and divided by 3600 and rounded half up once per
 * key and currency.
 */
@Injectable()
export class ProfitabilityRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly context: RequestContext,
  ) {}

  rows(query: ProfitabilityReportQueryDto): Promise<ProfitabilitySqlRow[]> {
    const { column, table } = DIMENSIONS[query.group_by];
    const params: unknown[] = [this.context.organizationId];
    const add = (value: unknown) => `$${params.push(value)}`;
    const rollups = rollupConditions(query, params, true);
    const invoices = ['i.organization_id = $1', `i.status IN ('issued', 'paid')`];
    if (query.date_from) invoices.push(`i.invoice_date >= ${add(query.date_from)}::date`);
    if (query.date_to) invoices.push(`i.invoice_date < ${add(query.date_to)}::date`);
    if (query.deal_id) invoices.push(`l.deal_id = ${add(query.deal_id)}::uuid`);
    if (query.account_id) invoices.push(`${INVOICE_KEYS.account} = ${add(query.account_id)}::uuid`);
    if (query.user_id) invoices.push(`l.user_id = ${add(query.user_id)}::uuid`);
    if (query.owner_id) invoices.push(`ld.owner_id = ${add(query.owner_id)}::uuid`);
    return this.dataSource.query(
      `WITH k AS (
         SELECT r.organization_id, r.day, r.deal_id, r.user_id, r.account_id,
                sum(r.seconds) AS seconds, coalesce(sum(r.seconds) FILTER (WHERE r.billable), 0) AS billable_seconds
           FROM time_rollups r
          WHERE ${rollups}
          GROUP BY r.organization_id, r.day, r.deal_id, r.user_id, r.account_id
         HAVING sum(r.entries) <> 0),
       p AS (
         SELECT k.${column} AS key, k.seconds, k.billable_seconds, rate.hourly_rate::numeric AS hourly_rate, rate.currency AS rate_currency,
                cost.hourly_cost::numeric AS hourly_cost, cost.currency AS cost_currency
           FROM k
           LEFT JOIN users u ON u.organization_id = k.organization_id AND u.id = k.user_id
           ${RATE_ON_DAY('k', 'k.day')}
           ${COST_RATE_ON_DAY('k', 'k.day', 'u.role')}),
       m AS (
         SELECT key, rate_currency AS currency, billable_seconds, 0::numeric AS costed_seconds,
                billable_seconds * coalesce(hourly_rate, 0) AS value_raw, 0::numeric AS cost_raw, 0::numeric AS invoiced
           FROM p WHERE billable_seconds <> 0
         UNION ALL
         SELECT key, cost_currency, 0, seconds, 0, seconds * coalesce(hourly_cost, 0), 0 FROM p WHERE seconds <> 0
         UNION ALL
         SELECT ${INVOICE_KEYS[query.group_by]}, i.currency, 0, 0, 0, 0, l.amount
           FROM invoice_lines l
           JOIN invoices i ON i.organization_id = l.organization_id AND i.id = l.invoice_id
           LEFT JOIN deals ld ON ld.organization_id = l.organization_id AND ld.id = l.deal_id
          WHERE ${invoices.join(' AND ')})
       SELECT m.key, n.name, m.currency, sum(m.billable_seconds)::bigint::text AS billable_seconds, sum(m.costed_seconds)::bigint::text AS costed_seconds,
              round(sum(m.value_raw) / 3600, 2)::text AS billable_value, round(sum(m.cost_raw) / 3600, 2)::text AS cost, sum(m.invoiced)::numeric(18, 2)::text AS invoiced_value
         FROM m
         LEFT JOIN ${table} n ON n.organization_id = $1 AND n.id = m.key
        GROUP BY m.key, n.name, m.currency
        ORDER BY round(sum(m.value_raw) / 3600, 2) DESC, m.key NULLS LAST, m.currency NULLS LAST`,
      params,
    );
  }
}
