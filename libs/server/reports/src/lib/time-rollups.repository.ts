import { Injectable } from '@nestjs/common';
import { ReadReplicas, RequestContext } from '@clockwork/server-core';
import type { ReportPeriod, TimeReportQueryDto } from '@clockwork/shared-dto';
import { DataSource } from 'typeorm';
import { spanBuckets } from './time-spans.rules';

export type TimeDimension = 'deal' | 'account' | 'user';

/** The rollup column of each dimension and the table its names come from. */
export const DIMENSIONS: Record<TimeDimension, { column: string; table: string }> = {
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

type FilterName = 'deal_id' | 'account_id' | 'user_id' | 'owner_id';
const FILTERS: FilterName[] = ['deal_id', 'account_id', 'user_id', 'owner_id'];

interface SpanTable {
  table: string;
  /** The filters the table can apply itself. */
  filters: FilterName[];
  scores: boolean;
}
const BY_DEAL: SpanTable = { table: 'time_rollups_by_deal', filters: ['deal_id', 'account_id', 'owner_id'], scores: false };
const BY_USER: SpanTable = { table: 'time_rollups_by_user', filters: ['user_id'], scores: true };
/** The span rollups of each dimension (the deal table, keyed by deal and account, also serves clients). */
const SPAN_TABLES: Record<TimeDimension, SpanTable> = { deal: BY_DEAL, account: BY_DEAL, user: BY_USER };

/** Where the rows of a query come from (FROM ... WHERE ...) and how its billable seconds and score sums are summed. */
interface Source {
  from: string;
  billable: string;
  scores: string;
  period: (groupBy: ReportPeriod) => string;
}

/**
 * Named queries over the time rollups (never the raw time entries). A report reads the span
 * rollups of its dimension (time_rollups_by_deal / _by_user: the range as a handful of aligned
 * buckets of 1 to 256 days, see time-spans.rules.ts) when that table can apply all of the report's
 * filters; otherwise (a user filter on a deal or client report; a deal, client or owner filter on
 * a user report) the daily rollups: one row per organization, UTC day, deal, task, user, account
 * and billable flag. All are kept exact by triggers on time_entries.
 */
@Injectable()
export class TimeRollupsRepository {
  constructor(
    private readonly replicas: ReadReplicas,
    private readonly context: RequestContext,
  ) {}

  /** Seconds, entries and score averages by dimension (and period), with the grand total. */
  byDimension(dimension: TimeDimension, query: TimeReportQueryDto): Promise<TimeRow[]> {
    return this.replicas.read((dataSource) => this.byDimensionOn(dataSource, dimension, query));
  }

  private async byDimensionOn(dataSource: DataSource, dimension: TimeDimension, query: TimeReportQueryDto): Promise<TimeRow[]> {
    const { column, table } = DIMENSIONS[dimension];
    const params: unknown[] = [this.context.organizationId];
    const source = await this.source(dataSource, SPAN_TABLES[dimension], query, params);
    if (!source) return [];
    const period = query.group_by ? source.period(query.group_by) : 'NULL::date';
    const sets = query.group_by ? `(r.${column}, ${period}), ()` : `(r.${column}), ()`;
    return dataSource.query(
      `SELECT a.key, n.name, to_char(a.period, 'YYYY-MM-DD') AS period, a.entries, a.seconds, a.billable_seconds,
              round(a.score_sum / nullif(a.entries, 0), 3) AS average_score,
              round(a.score_seconds / nullif(a.seconds, 0), 3) AS weighted_average_score, a.total
         FROM (SELECT r.${column} AS key, ${period} AS period, GROUPING(r.${column}) = 1 AS total,
                      sum(r.entries) AS entries, sum(r.seconds) AS seconds, ${source.billable} AS billable_seconds, ${source.scores}
                 FROM ${source.from}
                GROUP BY GROUPING SETS (${sets})
               HAVING sum(r.entries) <> 0) a
         LEFT JOIN ${table} n ON n.organization_id = $1 AND n.id = a.key
        ORDER BY a.total DESC, a.period NULLS FIRST, a.seconds DESC, a.key NULLS LAST`,
      params,
    );
  }

  /** Per deal with time in the range: its value and currency beside the time. */
  dealHours(query: TimeReportQueryDto): Promise<DealHoursRow[]> {
    return this.replicas.read((dataSource) => this.dealHoursOn(dataSource, query));
  }

  private async dealHoursOn(dataSource: DataSource, query: TimeReportQueryDto): Promise<DealHoursRow[]> {
    const params: unknown[] = [this.context.organizationId];
    const source = await this.source(dataSource, BY_DEAL, { ...query, group_by: undefined }, params);
    if (!source) return [];
    return dataSource.query(
      `SELECT a.deal_id, d.name AS deal_name, d.account_id, d.currency, d.value::text AS value, a.entries, a.seconds, a.billable_seconds
         FROM (SELECT r.deal_id, sum(r.entries) AS entries, sum(r.seconds) AS seconds, ${source.billable} AS billable_seconds
                 FROM ${source.from} AND r.deal_id IS NOT NULL
                GROUP BY r.deal_id
               HAVING sum(r.entries) <> 0) a
         JOIN deals d ON d.organization_id = $1 AND d.id = a.deal_id
        ORDER BY a.seconds DESC, a.deal_id`,
      params,
    );
  }

  /**
   * The span table's buckets for the range when the table can apply every filter, else the daily
   * rollups of the range; null when the span table holds nothing in the range (no rows to read).
   * The range is clamped to the days the organization has rollups for, so an open or very long
   * range stays a few buckets.
   */
  private async source(dataSource: DataSource, spans: SpanTable, query: TimeReportQueryDto, params: unknown[]): Promise<Source | null> {
    if (FILTERS.some((f) => query[f] && !spans.filters.includes(f))) {
      return {
        from: `time_rollups r WHERE ${rollupConditions(query, params, true)}`,
        billable: 'coalesce(sum(r.seconds) FILTER (WHERE r.billable), 0)',
        scores: 'sum(r.score_sum) AS score_sum, sum(r.score_seconds) AS score_seconds',
        period: (groupBy) => PERIODS[groupBy],
      };
    }
    const unnest = await spanBucketsSql(dataSource, spans.table, query, params);
    if (!unnest) return null;
    return {
      from: `${unnest} AS b(span, start, period)
              JOIN ${spans.table} r ON r.organization_id = $1 AND r.span = b.span AND r.span_start = b.start
             WHERE ${rollupConditions(query, params, false)}`,
      billable: 'sum(r.billable_seconds)',
      scores: spans.scores ? 'sum(r.score_sum) AS score_sum, sum(r.score_seconds) AS score_seconds' : 'NULL::numeric AS score_sum, NULL::numeric AS score_seconds',
      period: () => 'b.period',
    };
  }
}

/**
 * The aligned buckets (span, start, period) of a span table that tile the report's range, as an
 * `unnest(...)` to alias `b(span, start, period)` (parameters appended to `params`, $1 the
 * organization); null when the table holds nothing in the range. The range is clamped to the
 * days the organization has span rows for, so an open or very long range stays a few buckets.
 */
export async function spanBucketsSql(dataSource: DataSource, table: string, query: Pick<TimeReportQueryDto, 'date_from' | 'date_to' | 'group_by'>, params: unknown[]): Promise<string | null> {
  const [bounds]: { first: string | null; end: string | null }[] = await dataSource.query(
    `SELECT to_char(min(span_start), 'YYYY-MM-DD') AS first, to_char(max(span_start) + 1, 'YYYY-MM-DD') AS end
       FROM ${table} WHERE organization_id = $1 AND span = 1`,
    [params[0]],
  );
  if (!bounds.first || !bounds.end) return null;
  const from = query.date_from && query.date_from > bounds.first ? query.date_from : bounds.first;
  const to = query.date_to && query.date_to < bounds.end ? query.date_to : bounds.end;
  if (from >= to) return null;
  const buckets = spanBuckets(from, to, query.group_by);
  const add = (value: unknown) => `$${params.push(value)}`;
  return `unnest(${add(buckets.map((b) => b.span))}::smallint[], ${add(buckets.map((b) => b.start))}::date[], ${add(buckets.map((b) => b.period))}::date[])`;
}

type RollupFilters = Partial<Pick<TimeReportQueryDto, 'date_from' | 'date_to' | FilterName>>;

/** The WHERE clause of the filters over rollups `r`, and of the range on r.day when `days` (parameters appended to `params`, $1 the organization). */
export function rollupConditions(query: RollupFilters, params: unknown[], days: boolean): string {
  const add = (value: unknown) => `$${params.push(value)}`;
  const where = ['r.organization_id = $1'];
  if (days && query.date_from) where.push(`r.day >= ${add(query.date_from)}::date`);
  if (days && query.date_to) where.push(`r.day < ${add(query.date_to)}::date`);
  if (query.deal_id) where.push(`r.deal_id = ${add(query.deal_id)}::uuid`);
  if (query.account_id) where.push(`r.account_id = ${add(query.account_id)}::uuid`);
  if (query.user_id) where.push(`r.user_id = ${add(query.user_id)}::uuid`);
  if (query.owner_id) where.push(`r.deal_id IN (SELECT o.id FROM deals o WHERE o.organization_id = $1 AND o.owner_id = ${add(query.owner_id)}::uuid)`);
  return where.join(' AND ');
}
