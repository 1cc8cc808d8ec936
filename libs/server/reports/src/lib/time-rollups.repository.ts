import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { RequestContext } from '@clockwork/server-core';
import type { ReportPeriod, TimeReportQueryDto } from '@clockwork/shared-dto';
import { DataSource } from 'typeorm';

export type TimeDimension = 'deal' | 'account' | 'user';

/** The rollup column of each dimension and the table its names come from. */
const DIMENSIONS: Record<TimeDimension, { column: string; table: string }> = {
  deal: { column: 'deal_id', table: 'deals' },
  account: { column: 'account_id', table: 'accounts' },
  user: { column: 'user_id', table: 'users' },
};

const PERIODS: Record<ReportPeriod, string> = {
  day: 'r.day',
  week: `date_trunc('week', r.day)::date`,
  month: `date_trunc('month', r.day)::date`,
};

/** One aggregated row; `total` marks the report's grand total (grouping set ()). */
export interface TimeRow {
  key: string | null;
  name: string | null;
  period: string | null;
  entries: string;
  seconds: string;
  billable_seconds: string;
  average_score: string | null;
  weighted_average_score: string | null;
  total: boolean;
}

export interface DealHoursRow {
  deal_id: string;
  deal_name: string;
  account_id: string | null;
  currency: string;
  value: string;
  entries: string;
  seconds: string;
  billable_seconds: string;
}

/**
 * Named queries over the time rollups (never the raw time entries): one row per organization,
 * UTC day, deal, task, user, account and billable flag, kept exact by triggers on time_entries.
 */
@Injectable()
export class TimeRollupsRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly context: RequestContext,
  ) {}

  /** Seconds, entries and score averages by dimension (and period), with the grand total. */
  byDimension(dimension: TimeDimension, query: TimeReportQueryDto): Promise<TimeRow[]> {
    const { column, table } = DIMENSIONS[dimension];
    const params: unknown[] = [this.context.organizationId];
    const where = this.conditions(query, params);
    const period = query.group_by ? PERIODS[query.group_by] : 'NULL::date';
    const sets = query.group_by ? `(r.${column}, ${period}), ()` : `(r.${column}), ()`;
    return this.dataSource.query(
      `SELECT a.key, n.name, to_char(a.period, 'YYYY-MM-DD') AS period, a.entries, a.seconds, a.billable_seconds,
              round(a.score_sum / nullif(a.entries, 0), 3) AS average_score,
              round(a.score_seconds / nullif(a.seconds, 0), 3) AS weighted_average_score, a.total
         FROM (SELECT r.${column} AS key, ${period} AS period, GROUPING(r.${column}) = 1 AS total,
                      sum(r.entries) AS entries, sum(r.seconds) AS seconds,
                      coalesce(sum(r.seconds) FILTER (WHERE r.billable), 0) AS billable_seconds,
                      sum(r.score_sum) AS score_sum, sum(r.score_seconds) AS score_seconds
                 FROM time_rollups r
                WHERE ${where}
                GROUP BY GROUPING SETS (${sets})
               HAVING sum(r.entries) <> 0) a
         LEFT JOIN ${table} n ON n.organization_id = $1 AND n.id = a.key
        ORDER BY a.total DESC, a.period NULLS FIRST, a.seconds DESC, a.key NULLS LAST`,
      params,
    );
  }

  /** Per deal with time in the range: its value and currency beside the time. */
  dealHours(query: TimeReportQueryDto): Promise<DealHoursRow[]> {
    const params: unknown[] = [this.context.organizationId];
    const where = this.conditions(query, params);
    return this.dataSource.query(
      `SELECT a.deal_id, d.name AS deal_name, d.account_id, d.currency, d.value::text AS value, a.entries, a.seconds, a.billable_seconds
         FROM (SELECT r.deal_id, sum(r.entries) AS entries, sum(r.seconds) AS seconds,
                      coalesce(sum(r.seconds) FILTER (WHERE r.billable), 0) AS billable_seconds
                 FROM time_rollups r
                WHERE ${where} AND r.deal_id IS NOT NULL
                GROUP BY r.deal_id
               HAVING sum(r.entries) <> 0) a
         JOIN deals d ON d.organization_id = $1 AND d.id = a.deal_id
        ORDER BY a.seconds DESC, a.deal_id`,
      params,
    );
  }

  /** The WHERE clause of the filters (parameters appended to `params`). */
  private conditions(query: TimeReportQueryDto, params: unknown[]): string {
    const add = (value: unknown) => `$${params.push(value)}`;
    const where = ['r.organization_id = $1'];
    if (query.date_from) where.push(`r.day >= ${add(query.date_from)}::date`);
    if (query.date_to) where.push(`r.day < ${add(query.date_to)}::date`);
    if (query.deal_id) where.push(`r.deal_id = ${add(query.deal_id)}::uuid`);
    if (query.account_id) where.push(`r.account_id = ${add(query.account_id)}::uuid`);
    if (query.user_id) where.push(`r.user_id = ${add(query.user_id)}::uuid`);
    if (query.owner_id) where.push(`r.deal_id IN (SELECT o.id FROM deals o WHERE o.organization_id = $1 AND o.owner_id = ${add(query.owner_id)}::uuid)`);
    return where.join(' AND ');
  }
}
