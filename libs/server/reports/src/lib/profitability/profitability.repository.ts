import { Injectable } from '@nestjs/common';
import { COST_RATE_ON_DAY, RATE_ON_DAY } from '@clockwork/server-billing';
import { ReadReplicas, RequestContext } from '@clockwork/server-core';
import type { ProfitabilityReportQueryDto } from '@clockwork/shared-dto';
import { DataSource } from 'typeorm';
import { DIMENSIONS, rollupConditions, spanBucketsSql } from '../time-rollups.repository';

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

type FilterName = 'deal_id' | 'account_id' | 'user_id' | 'owner_id';
const FILTERS: FilterName[] = ['deal_id', 'account_id', 'user_id', 'owner_id'];

/** The priced span rollups of each grouping and the filters each can apply itself (the deal table, keyed by deal and account, also serves clients). */
const PRICED_BY_DEAL = { table: 'time_rollups_priced_by_deal', filters: ['deal_id', 'account_id', 'owner_id'] as FilterName[] };
const PRICED: Record<ProfitabilityReportQueryDto['group_by'], { table: string; filters: FilterName[] }> = {
  deal: PRICED_BY_DEAL,
  account: PRICED_BY_DEAL,
  user: { table: 'time_rollups_priced_by_user', filters: ['user_id'] },
};

/**
 * Profitability: the priced time of the range per key and currency, plus the lines of issued and
 * paid invoices dated in the range. The time comes from the priced span rollups of the grouping
 * (time_rollups_priced_by_deal / _by_user, migration 1763703600000: the range as a handful of
 * aligned buckets, each row already priced with the hourly rate and the person's cost rate of
 * its days and kept exact by triggers, rate changes included) when that table can apply all of
 * the report's filters; otherwise (a user filter on a deal or client report; a deal, client or
 * owner filter on a person report) from the daily rollups, each row priced at query time with the
 * billing lib's resolutions. Money is summed exactly (seconds × rate) and divided by 3600 and
 * rounded half up once per key and currency.
 */
@Injectable()
export class ProfitabilityRepository {
  constructor(
    private readonly replicas: ReadReplicas,
    private readonly context: RequestContext,
  ) {}

  /** On a read replica when one is up to date (both queries on the same server). */
  rows(query: ProfitabilityReportQueryDto): Promise<ProfitabilitySqlRow[]> {
    return this.replicas.read((dataSource) => this.rowsOn(dataSource, query));
  }

  private async rowsOn(dataSource: DataSource, query: ProfitabilityReportQueryDto): Promise<ProfitabilitySqlRow[]> {
    const { column, table } = DIMENSIONS[query.group_by];
    const params: unknown[] = [this.context.organizationId];
    const add = (value: unknown) => `$${params.push(value)}`;
    const time = await this.pricedTime(dataSource, query, column, params);
    const invoices = ['i.organization_id = $1', `i.status IN ('issued', 'paid')`];
    if (query.date_from) invoices.push(`i.invoice_date >= ${add(query.date_from)}::date`);
    if (query.date_to) invoices.push(`i.invoice_date < ${add(query.date_to)}::date`);
    if (query.deal_id) invoices.push(`l.deal_id = ${add(query.deal_id)}::uuid`);
    if (query.account_id) invoices.push(`${INVOICE_KEYS.account} = ${add(query.account_id)}::uuid`);
    if (query.user_id) invoices.push(`l.user_id = ${add(query.user_id)}::uuid`);
    if (query.owner_id) invoices.push(`ld.owner_id = ${add(query.owner_id)}::uuid`);
    // The invoice line's deal is needed for the client key and the owner filter only.
    const lineDeal = query.group_by === 'account' || query.account_id || query.owner_id ? 'LEFT JOIN deals ld ON ld.organization_id = l.organization_id AND ld.id = l.deal_id' : '';
    return dataSource.query(
      `WITH ${time.with ? `${time.with},` : ''}
       m AS (
         ${time.parts ? `${time.parts}\n         UNION ALL` : ''}
         SELECT ${INVOICE_KEYS[query.group_by]} AS key, i.currency, 0 AS billable_seconds, 0 AS costed_seconds, 0 AS value_raw, 0 AS cost_raw, l.amount AS invoiced
           FROM invoice_lines l
           JOIN invoices i ON i.organization_id = l.organization_id AND i.id = l.invoice_id
           ${lineDeal}
          WHERE ${invoices.join(' AND ')}),
       a AS (
         SELECT m.key, m.currency, sum(m.billable_seconds)::bigint AS billable_seconds, sum(m.costed_seconds)::bigint AS costed_seconds,
                round(sum(m.value_raw) / 3600, 2) AS billable_value, round(sum(m.cost_raw) / 3600, 2) AS cost, sum(m.invoiced)::numeric(18, 2) AS invoiced_value
           FROM m GROUP BY m.key, m.currency)
       SELECT a.key, n.name, a.currency, a.billable_seconds::text, a.costed_seconds::text, a.billable_value::text, a.cost::text, a.invoiced_value::text
         FROM a
         LEFT JOIN ${table} n ON n.organization_id = $1 AND n.id = a.key
        ORDER BY a.billable_value DESC, a.key NULLS LAST, a.currency NULLS LAST`,
      params,
    );
  }

  /**
   * The priced time of the range as rows (key, currency, billable_seconds, costed_seconds,
   * value_raw, cost_raw, invoiced = 0), with the CTEs they need; no parts when the priced span
   * table holds nothing in the range.
   */
  private async pricedTime(dataSource: DataSource, query: ProfitabilityReportQueryDto, column: string, params: unknown[]): Promise<{ with?: string; parts?: string }> {
    const priced = PRICED[query.group_by];
    if (FILTERS.some((f) => query[f] && !priced.filters.includes(f))) return this.pricedAtQueryTime(query, column, params);
    const unnest = await spanBucketsSql(dataSource, priced.table, { date_from: query.date_from, date_to: query.date_to }, params);
    if (!unnest) return {};
    return {
      parts: `SELECT r.${column} AS key, r.currency, r.billable_seconds, r.costed_seconds, r.value_rate_seconds AS value_raw, r.cost_rate_seconds AS cost_raw, 0::numeric AS invoiced
           FROM ${unnest} AS b(span, start, period)
           JOIN ${priced.table} r ON r.organization_id = $1 AND r.span = b.span AND r.span_start = b.start
          WHERE ${rollupConditions(query, params, false)} AND (r.billable_seconds <> 0 OR r.costed_seconds <> 0)`,
    };
  }

  /** The daily rollups of the range (one row per day, deal, user, account and billable flag), each priced with the rates in effect that day. */
  private pricedAtQueryTime(query: ProfitabilityReportQueryDto, column: string, params: unknown[]): { with: string; parts: string } {
    return {
      with: `k AS (
         SELECT r.organization_id, r.day, r.deal_id, r.user_id, r.account_id,
                sum(r.seconds) AS seconds, coalesce(sum(r.seconds) FILTER (WHERE r.billable), 0) AS billable_seconds
           FROM time_rollups r
          WHERE ${rollupConditions(query, params, true)}
          GROUP BY r.organization_id, r.day, r.deal_id, r.user_id, r.account_id
         HAVING sum(r.entries) <> 0),
       p AS (
         SELECT k.${column} AS key, k.seconds, k.billable_seconds, rate.hourly_rate::numeric AS hourly_rate, rate.currency AS rate_currency,
                cost.hourly_cost::numeric AS hourly_cost, cost.currency AS cost_currency
           FROM k
           LEFT JOIN users u ON u.organization_id = k.organization_id AND u.id = k.user_id
           ${RATE_ON_DAY('k', 'k.day')}
           ${COST_RATE_ON_DAY('k', 'k.day', 'u.role')})`,
      parts: `SELECT key, rate_currency AS currency, billable_seconds, 0::numeric AS costed_seconds,
                billable_seconds * coalesce(hourly_rate, 0) AS value_raw, 0::numeric AS cost_raw, 0::numeric AS invoiced
           FROM p WHERE billable_seconds <> 0
         UNION ALL
         SELECT key, cost_currency, 0, seconds, 0, seconds * coalesce(hourly_cost, 0), 0 FROM p WHERE seconds <> 0`,
    };
  }
}
