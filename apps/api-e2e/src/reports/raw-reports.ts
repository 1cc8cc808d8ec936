import { DataSource } from 'typeorm';

/**
 * The reports computed independently, straight from the raw time entries and deals with plain
 * GROUP BYs (no rollups), to compare the API's answers with.
 */
export interface RawQuery {
  date_from?: string;
  date_to?: string;
  group_by?: 'day' | 'week' | 'month';
  deal_id?: string;
  account_id?: string;
  user_id?: string;
  owner_id?: string;
}

const DIMENSION = { deal: 'deal_id', account: 'account_id', user: 'user_id' } as const;

function where(q: RawQuery, params: unknown[]): string {
  const add = (v: unknown) => `$${params.push(v)}`;
  const w = ['e.organization_id = $1'];
  if (q.date_from) w.push(`e.start_time >= ${add(`${q.date_from}T00:00:00Z`)}::timestamptz`);
  if (q.date_to) w.push(`e.start_time < ${add(`${q.date_to}T00:00:00Z`)}::timestamptz`);
  if (q.deal_id) w.push(`e.deal_id = ${add(q.deal_id)}`);
  if (q.account_id) w.push(`e.account_id = ${add(q.account_id)}`);
  if (q.user_id) w.push(`e.user_id = ${add(q.user_id)}`);
  if (q.owner_id) w.push(`EXISTS (SELECT 1 FROM deals d WHERE d.organization_id = e.organization_id AND d.id = e.deal_id AND d.owner_id = ${add(q.owner_id)})`);
  return w.join(' AND ');
}

export interface RawTimeRow {
  key: string | null;
  period: string | null;
  entries: number;
  seconds: number;
  hours: number;
  billable_seconds: number;
  billable_hours: number;
  average_score: number | null;
  weighted_average_score: number | null;
}

/** Entries, seconds, hours (rounded by PostgreSQL), billable time and score averages per dimension (and period); the last row is the total. */
export async function rawTime(db: DataSource, organizationId: string, dimension: keyof typeof DIMENSION, q: RawQuery): Promise<{ rows: RawTimeRow[]; total: RawTimeRow }> {
  const params: unknown[] = [organizationId];
  const w = where(q, params);
  const period = q.group_by ? `to_char(date_trunc('${q.group_by}', e.start_time AT TIME ZONE 'UTC'), 'YYYY-MM-DD')` : 'NULL::text';
  const figures = `count(*)::int AS entries, sum(e.duration_seconds)::int AS seconds, round(sum(e.duration_seconds) / 3600.0, 2)::float8 AS hours,
    coalesce(sum(e.duration_seconds) FILTER (WHERE e.billable), 0)::int AS billable_seconds,
    round(coalesce(sum(e.duration_seconds) FILTER (WHERE e.billable), 0) / 3600.0, 2)::float8 AS billable_hours,
    round(avg(e.productivity_score), 3)::float8 AS average_score,
    round(sum(e.productivity_score * e.duration_seconds) / nullif(sum(e.duration_seconds), 0), 3)::float8 AS weighted_average_score`;
  const rows: RawTimeRow[] = await db.query(`SELECT e.${DIMENSION[dimension]}::text AS key, ${period} AS period, ${figures} FROM time_entries e WHERE ${w} GROUP BY 1, 2`, params);
  const [total]: RawTimeRow[] = await db.query(`SELECT NULL AS key, NULL AS period, ${figures} FROM time_entries e WHERE ${w}`, params);
  return { rows, total: total.entries ? total : { ...total, entries: 0, seconds: 0, hours: 0, billable_seconds: 0, billable_hours: 0 } };
}

export interface RawDealRow {
  deal_id: string;
  currency: string;
  value: string;
  entries: number;
  seconds: number;
  hours: number;
  billable_seconds: number;
  revenue_per_hour: string | null;
  billable_share: number | null;
}

/** Revenue vs hours per deal with time in the range, from the raw entries. */
export async function rawRevenue(db: DataSource, organizationId: string, q: RawQuery): Promise<RawDealRow[]> {
  const params: unknown[] = [organizationId];
  const w = where(q, params);
  return db.query(
    `SELECT d.id::text AS deal_id, d.currency, d.value::text AS value, count(*)::int AS entries, sum(e.duration_seconds)::int AS seconds,
            round(sum(e.duration_seconds) / 3600.0, 2)::float8 AS hours,
            coalesce(sum(e.duration_seconds) FILTER (WHERE e.billable), 0)::int AS billable_seconds,
            round(d.value * 3600 / nullif(sum(e.duration_seconds), 0), 2)::text AS revenue_per_hour,
            round(coalesce(sum(e.duration_seconds) FILTER (WHERE e.billable), 0)::numeric / nullif(sum(e.duration_seconds), 0), 4)::float8 AS billable_share
       FROM time_entries e JOIN deals d ON d.organization_id = e.organization_id AND d.id = e.deal_id
      WHERE ${w}
      GROUP BY d.id, d.currency, d.value`,
    params,
  );
}

/** Deal values (of deals with time in the range) and seconds per currency, revenue per hour from them. */
export async function rawRevenueTotals(db: DataSource, organizationId: string, q: RawQuery): Promise<{ currency: string; value: string; seconds: number; revenue_per_hour: string | null }[]> {
  const params: unknown[] = [organizationId];
  const w = where(q, params);
  return db.query(
    `SELECT currency, sum(value)::text AS value, sum(seconds)::int AS seconds, round(sum(value) * 3600 / nullif(sum(seconds), 0), 2)::text AS revenue_per_hour
       FROM (SELECT d.currency, d.value, sum(e.duration_seconds) AS seconds
               FROM time_entries e JOIN deals d ON d.organization_id = e.organization_id AND d.id = e.deal_id
              WHERE ${w} GROUP BY d.id, d.currency, d.value) per_deal
      GROUP BY currency ORDER BY currency`,
    params,
  );
}

/** Sorts rows by a stable text key so two lists can be compared with toEqual. */
export const sortedBy = <T>(rows: T[], key: (row: T) => string): T[] => [...rows].sort((a, b) => key(a).localeCompare(key(b)));
