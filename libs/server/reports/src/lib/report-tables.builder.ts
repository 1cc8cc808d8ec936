import type { PipelineReportDto, ProductivityReportDto, ReportFiltersDto, RevenueVsHoursReportDto, TimeFiguresDto, TimePerClientReportDto, TimePerDealReportDto, TimePerUserReportDto } from '@clockwork/shared-dto';

export interface ReportColumn {
  key: string;
  header: string;
  /** Right-aligned in the PDF. */
  numeric?: boolean;
}

/** A report as the CSV and PDF exports see it: columns, rows, totals and what the chart shows. */
export interface ReportTable {
  title: string;
  fileName: string;
  filters: ReportFiltersDto;
  columns: ReportColumn[];
  rows: Record<string, unknown>[];
  totals: { label: string; value: string }[];
  chart: { title: string; label: (row: Record<string, unknown>) => string; value: (row: Record<string, unknown>) => number };
}

export const n = (key: string, header = key.replace(/_/g, ' ')): ReportColumn => ({ key, header, numeric: true });
export const t = (key: string, header = key.replace(/_/g, ' ')): ReportColumn => ({ key, header });
const TIME_COLUMNS = [n('entries'), n('seconds'), n('hours'), n('billable_seconds'), n('billable_hours')];

const timeTotals = (x: TimeFiguresDto) => [
  { label: 'Total entries', value: String(x.entries) },
  { label: 'Total seconds', value: String(x.seconds) },
  { label: 'Total hours', value: x.hours.toFixed(2) },
  { label: 'Billable hours', value: x.billable_hours.toFixed(2) },
];

const withPeriod = (filters: ReportFiltersDto, columns: ReportColumn[]) => (filters.group_by ? [t('period'), ...columns] : columns);
const labelOf = (name: string, id: string, none: string) => (row: Record<string, unknown>) =>
  `${row['period'] ? `${row['period']} ` : ''}${(row[name] as string | null) ?? (row[id] ? String(row[id]).slice(0, 8) : none)}`;
const hoursChart = (name: string, id: string, none: string) => ({ title: 'Hours', label: labelOf(name, id, none), value: (r: Record<string, unknown>) => r['hours'] as number });

/** How a time report names its rows: the id and name columns (and the name's header) and the chart label of a row without one. */
interface TimeDimension {
  id: string;
  name: string;
  header: string;
  none: string;
}

/** The table of a time report by one dimension (deal, client, user): its id and name, then the time figures; the chart shows hours. */
function timeTable(r: { filters: ReportFiltersDto; rows: unknown[]; totals: TimeFiguresDto }, title: string, fileName: string, by: TimeDimension): ReportTable {
  return {
    title,
    fileName,
    filters: r.filters,
    columns: withPeriod(r.filters, [t(by.id), t(by.name, by.header), ...TIME_COLUMNS]),
    rows: r.rows as never,
    totals: timeTotals(r.totals),
    chart: hoursChart(by.name, by.id, by.none),
  };
}

export function timePerDealTable(r: TimePerDealReportDto): ReportTable {
  return timeTable(r, 'Time per deal', 'time-per-deal', { id: 'deal_id', name: 'deal_name', header: 'deal', none: 'No deal' });
}

export function timePerClientTable(r: TimePerClientReportDto): ReportTable {
  return timeTable(r, 'Time per client', 'time-per-client', { id: 'account_id', name: 'account_name', header: 'client', none: 'No client' });
}

export function timePerUserTable(r: TimePerUserReportDto): ReportTable {
  return timeTable(r, 'Time per user', 'time-per-user', { id: 'user_id', name: 'user_name', header: 'user', none: 'No user' });
}

export function productivityTable(r: ProductivityReportDto): ReportTable {
  const score = (v: number | null) => (v === null ? '-' : v.toFixed(3));
  return {
    title: 'Productivity',
    fileName: 'productivity',
    filters: r.filters,
    columns: withPeriod(r.filters, [t('user_id'), t('user_name', 'user'), n('entries'), n('seconds'), n('hours'), n('average_score'), n('weighted_average_score', 'weighted avg')]),
    rows: r.rows as never,
    totals: [
      { label: 'Total entries', value: String(r.totals.entries) },
      { label: 'Total hours', value: r.totals.hours.toFixed(2) },
      { label: 'Average score', value: score(r.totals.average_score) },
      { label: 'Weighted average score', value: score(r.totals.weighted_average_score) },
    ],
    chart: { title: 'Average score', label: labelOf('user_name', 'user_id', 'No user'), value: (row) => (row['average_score'] as number | null) ?? 0 },
  };
}

export function revenueVsHoursTable(r: RevenueVsHoursReportDto): ReportTable {
  return {
    title: 'Revenue vs hours',
    fileName: 'revenue-vs-hours',
    filters: r.filters,
    columns: [t('deal_id'), t('deal_name', 'deal'), t('currency'), n('value'), n('seconds'), n('hours'), n('revenue_per_hour', 'per hour'), n('billable_seconds'), n('billable_share')],
    rows: r.rows as never,
    totals: [
      ...timeTotals(r.totals),
      ...r.totals.by_currency.map((c) => ({ label: `Total value ${c.currency}`, value: `${c.value} (${c.revenue_per_hour ?? '-'} per hour)` })),
    ],
    chart: { title: 'Revenue per hour', label: labelOf('deal_name', 'deal_id', 'No deal'), value: (row) => Number(row['revenue_per_hour'] ?? 0) },
  };
}

export function pipelineTable(r: PipelineReportDto): ReportTable {
  return {
    title: 'Pipeline',
    fileName: 'pipeline',
    filters: r.filters,
    columns: [t('stage'), t('currency'), n('count'), n('value'), n('probability'), n('weighted_value'), t('weighting')],
    rows: r.rows as never,
    totals: [
      { label: 'Deals', value: String(r.totals.count) },
      ...r.totals.by_currency.map((c) => ({ label: `Total value ${c.currency}`, value: `${c.value} (weighted ${c.weighted_value}, by ${c.weighting === 'model' ? 'the win model' : 'stage'})` })),
      { label: 'Win rate', value: r.totals.win_rate === null ? '-' : `${(r.totals.win_rate * 100).toFixed(2)}% (${r.totals.won} won, ${r.totals.lost} lost)` },
      ...r.stage_times.map((s) => ({ label: `Average days in ${s.stage}`, value: `${s.average_days_in_stage ?? '-'} (${s.exits} exits)` })),
    ],
    chart: { title: 'Deals per stage', label: (row) => `${row['stage']} ${row['currency']}`, value: (row) => row['count'] as number },
  };
}
