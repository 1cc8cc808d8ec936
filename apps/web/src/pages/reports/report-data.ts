import type { PipelineRowDto, RevenueVsHoursRowDto } from '@clockwork/api-client';
import { stageLabels, type DealStage } from '../../components/badges';

export type GroupBy = 'day' | 'week' | 'month';
export interface Series {
  label: string;
  values: number[];
}
/** What a chart draws and its data table lists: one label per bar (or period), one series per colour. */
export interface ChartData {
  labels: string[];
  series: Series[];
}

export const isGroupBy = (value: string): value is GroupBy => value === 'day' || value === 'week' || value === 'month';

const addDays = (iso: string, days: number) => {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
};

/** The page's inclusive "to" day as the API's exclusive date_to (the day after). */
export function apiDateRange(from: string, to: string): { date_from?: string; date_to?: string } {
  return { ...(from ? { date_from: from } : {}), ...(to ? { date_to: addDays(to, 1) } : {}) };
}

/** Deal value per stage (of each pipeline, in the report's order), one series per currency (values are never converted). */
export function pipelineChart(rows: PipelineRowDto[]): ChartData {
  const keyOf = (r: Pick<PipelineRowDto, 'pipeline_id' | 'stage'>) => `${r.pipeline_id}:${r.stage}`;
  const stages = [...new Map(rows.map((r) => [keyOf(r), r])).values()];
  const currencies = [...new Set(rows.map((r) => r.currency))];
  return {
    labels: stages.map((s) => s.stage_name ?? stageLabels[s.stage as DealStage] ?? s.stage),
    series: currencies.map((currency) => ({
      label: `Value (${currency})`,
      values: stages.map((stage) => Number(rows.find((r) => keyOf(r) === keyOf(stage) && r.currency === currency)?.value ?? 0)),
    })),
  };
}

interface TimeRow {
  hours: number;
  period: string | null;
}

/** Revenue per hour of each deal (one bar per deal and currency). */
export function revenueChart(rows: RevenueVsHoursRowDto[]): ChartData {
  return { labels: rows.map((r) => `${r.deal_name} (${r.currency})`), series: [{ label: 'Revenue per hour', values: rows.map((r) => Number(r.revenue_per_hour ?? 0)) }] };
}

/**
 * Hours per deal, client or person. Without grouping: one bar each. Grouped by period: the
 * periods along the axis and one series per deal/client/person.
 */
export function timeChart<R extends TimeRow>(rows: R[], nameOf: (row: R) => string, grouped: boolean): ChartData {
  if (!grouped) {
    const totals = new Map<string, number>();
    for (const row of rows) totals.set(nameOf(row), (totals.get(nameOf(row)) ?? 0) + row.hours);
    const sorted = [...totals].sort((a, b) => b[1] - a[1]);
    return { labels: sorted.map(([name]) => name), series: [{ label: 'Hours', values: sorted.map(([, h]) => round2(h)) }] };
  }
  const periods = [...new Set(rows.map((r) => r.period ?? ''))].sort();
  const names = [...new Set(rows.map(nameOf))];
  return {
    labels: periods.map((p) => p || 'No period'),
    series: names.map((name) => ({
      label: name,
      values: periods.map((p) => round2(rows.filter((r) => nameOf(r) === name && (r.period ?? '') === p).reduce((sum, r) => sum + r.hours, 0))),
    })),
  };
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** Ranges a schedule may use instead of fixed dates, resolved on each run in its time zone. */
export const SCHEDULE_RANGES = [
  ['last_7_days', 'Last 7 days'],
  ['last_30_days', 'Last 30 days'],
  ['last_week', 'Last week'],
  ['last_month', 'Last month'],
  ['month_to_date', 'Month to date'],
  ['year_to_date', 'Year to date'],
] as const;

/**
 * A schedule's `params` from the page's filters: the report's own query (no group_by where the
 * report has no periods) and either `range` or the filters' fixed dates (`range` '' keeps them).
 */
export function scheduleParams(query: Record<string, string | undefined>, options: { grouped: boolean; range: string }): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === '') continue;
    if (key === 'group_by' && !options.grouped) continue;
    if (options.range && (key === 'date_from' || key === 'date_to')) continue;
    params[key] = value;
  }
  if (options.range) params['range'] = options.range;
  return params;
}
