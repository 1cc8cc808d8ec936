import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { RawQuery, rawRevenue, rawRevenueTotals, rawTime, sortedBy } from './raw-reports';

const TIME_REPORTS = [
  { path: 'time-per-deal', dimension: 'deal', id: 'deal_id' },
  { path: 'time-per-client', dimension: 'account', id: 'account_id' },
  { path: 'time-per-user', dimension: 'user', id: 'user_id' },
] as const;

/** A report's JSON body, loosely typed for comparisons. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Report = Record<string, any>;

const query = (q: RawQuery) => new URLSearchParams(Object.entries(q).filter(([, v]) => v !== undefined) as [string, string][]).toString();

export async function getReport(app: INestApplication, token: string, path: string, q: RawQuery = {}): Promise<Report> {
  const res = await request(app.getHttpServer()).get(`/api/v1/reports/${path}?${query(q)}`).set('Authorization', `Bearer ${token}`);
  if (res.status !== 200) throw new Error(`${path}?${query(q)} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

const keyOf = (r: { key: string | null; period: string | null }) => `${r.period ?? ''}|${r.key ?? ''}`;

/**
 * Every time report (per deal, client, user; productivity; revenue vs hours) for the query,
 * from the API, equals the raw-SQL computation over the entries, row by row and in total.
 * Returns how many rows were compared (so callers can insist the data was not empty).
 */
export async function expectReportsMatchRaw(app: INestApplication, token: string, organizationId: string, q: RawQuery): Promise<number> {
  const db = app.get(DataSource);
  let compared = 0;
  for (const report of TIME_REPORTS) {
    const api = await getReport(app, token, report.path, q);
    const raw = await rawTime(db, organizationId, report.dimension, q);
    const strip = (row: Record<string, unknown>) => JSON.parse(JSON.stringify({ ...row, average_score: undefined, weighted_average_score: undefined }));
    const apiRows = api.rows.map((r: Record<string, unknown>) => ({
      key: r[report.id] ?? null,
      period: r['period'],
      entries: r['entries'],
      seconds: r['seconds'],
      hours: r['hours'],
      billable_seconds: r['billable_seconds'],
      billable_hours: r['billable_hours'],
    }));
    expect({ report: report.path, q, rows: sortedBy(apiRows, keyOf) }).toEqual({ report: report.path, q, rows: sortedBy(raw.rows.map(strip as never), keyOf as never) });
    expect({ report: report.path, q, totals: api.totals }).toEqual({ report: report.path, q, totals: strip({ ...raw.total, key: undefined, period: undefined } as never) });
    compared += apiRows.length;
  }

  const productivity = await getReport(app, token, 'productivity', q);
  const rawUsers = await rawTime(db, organizationId, 'user', q);
  const scores = (r: Report) => ({ key: r['user_id'] ?? r['key'] ?? null, period: r['period'], entries: r['entries'], seconds: r['seconds'], hours: r['hours'], average_score: r['average_score'], weighted_average_score: r['weighted_average_score'] });
  expect(sortedBy(productivity.rows.map(scores), keyOf as never)).toEqual(sortedBy(rawUsers.rows.map(scores), keyOf as never));
  const t = rawUsers.total;
  expect(productivity.totals).toEqual({ entries: t.entries, seconds: t.seconds, hours: t.hours, average_score: t.average_score, weighted_average_score: t.weighted_average_score });

  const { group_by: _ignored, ...revenueQuery } = q;
  const revenue = await getReport(app, token, 'revenue-vs-hours', revenueQuery);
  const rawDeals = await rawRevenue(db, organizationId, revenueQuery);
  const money = (r: Report) => ({
    deal_id: r['deal_id'],
    currency: r['currency'],
    value: r['value'],
    entries: r['entries'],
    seconds: r['seconds'],
    hours: r['hours'],
    billable_seconds: r['billable_seconds'],
    revenue_per_hour: r['revenue_per_hour'],
    billable_share: r['billable_share'],
  });
  expect(sortedBy(revenue.rows.map(money), (r: ReturnType<typeof money>) => String(r.deal_id))).toEqual(sortedBy(rawDeals.map(money), (r) => String(r.deal_id)));
  expect(revenue.totals.by_currency).toEqual(await rawRevenueTotals(db, organizationId, revenueQuery));
  return compared;
}
