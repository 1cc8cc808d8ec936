import type { ProfitabilityRowDto } from '@clockwork/api-client';
import { DataSource } from 'typeorm';
import type { RawQuery } from './raw-reports';

export type ProfitGroup = 'deal' | 'account' | 'user';

/** A row of GET /reports/profitability as the raw computation gives it: the api's, without the name. */
export type RawProfitRow = Omit<ProfitabilityRowDto, 'name'>;

const KEY = { deal: 'deal_id', account: 'account_id', user: 'user_id' } as const;
const RATE_ORDER = `CASE r.level WHEN 'deal_user' THEN 1 WHEN 'deal' THEN 2 WHEN 'account' THEN 3 WHEN 'user' THEN 4 ELSE 5 END`;

/**
 * The profitability report computed independently: straight from the raw time entries (not the
 * rollups), each entry's hourly rate and cost rate chosen with DISTINCT ON over the rates in
 * effect on its UTC start day, invoice lines of issued/paid invoices dated in the range; money
 * summed exactly per key and currency and rounded once, margin % by PostgreSQL's round.
 */
export async function rawProfitability(db: DataSource, organizationId: string, group: ProfitGroup, q: RawQuery): Promise<RawProfitRow[]> {
  const params: unknown[] = [organizationId];
  const add = (v: unknown) => `$${params.push(v)}`;
  const w = ['e.organization_id = $1'];
  const inv = ['i.organization_id = $1', `i.status IN ('issued', 'paid')`];
  if (q.date_from) {
    w.push(`e.start_time >= ${add(`${q.date_from}T00:00:00Z`)}::timestamptz`);
    inv.push(`i.invoice_date >= ${add(q.date_from)}::date`);
  }
  if (q.date_to) {
    w.push(`e.start_time < ${add(`${q.date_to}T00:00:00Z`)}::timestamptz`);
    inv.push(`i.invoice_date < ${add(q.date_to)}::date`);
  }
  const lineAccount = `(SELECT d.account_id FROM deals d WHERE d.organization_id = l.organization_id AND d.id = l.deal_id)`;
  if (q.deal_id) {
    w.push(`e.deal_id = ${add(q.deal_id)}`);
    inv.push(`l.deal_id = ${add(q.deal_id)}`);
  }
  if (q.account_id) {
    w.push(`e.account_id = ${add(q.account_id)}`);
    inv.push(`coalesce(${lineAccount}, i.account_id) = ${add(q.account_id)}`);
  }
  if (q.user_id) {
    w.push(`e.user_id = ${add(q.user_id)}`);
    inv.push(`l.user_id = ${add(q.user_id)}`);
  }
  const lineKey = { deal: 'l.deal_id', account: `coalesce(${lineAccount}, i.account_id)`, user: 'l.user_id' }[group];
  return db.query(
    `WITH e AS (SELECT e.id, e.organization_id, e.deal_id, e.user_id, e.account_id, e.billable, e.duration_seconds AS s,
                       (e.start_time AT TIME ZONE 'UTC')::date AS day, e.${KEY[group]} AS key
                  FROM time_entries e WHERE ${w.join(' AND ')}),
          rate AS (SELECT DISTINCT ON (e.id) e.id, r.hourly_rate, r.currency
                     FROM e JOIN billing_rates r ON r.organization_id = e.organization_id AND e.day BETWEEN r.valid_from AND coalesce(r.valid_to, 'infinity'::date)
                      AND (r.level = 'organization' OR (r.level = 'user' AND r.user_id = e.user_id) OR (r.level = 'account' AND r.account_id = e.account_id)
                           OR (r.level = 'deal' AND r.deal_id = e.deal_id) OR (r.level = 'deal_user' AND r.deal_id = e.deal_id AND r.user_id = e.user_id))
                    ORDER BY e.id, ${RATE_ORDER}),
          cost AS (SELECT DISTINCT ON (e.id) e.id, c.hourly_cost, c.currency
                     FROM e JOIN users u ON u.organization_id = e.organization_id AND u.id = e.user_id
                     JOIN cost_rates c ON c.organization_id = e.organization_id AND e.day BETWEEN c.valid_from AND coalesce(c.valid_to, 'infinity'::date)
                      AND (c.user_id = e.user_id OR (c.user_id IS NULL AND c.role = u.role))
                    ORDER BY e.id, c.user_id IS NULL),
          parts AS (
            SELECT e.key, rate.currency, e.s AS bs, 0 AS cs, e.s * coalesce(rate.hourly_rate, 0) AS v, 0 AS c, 0 AS inv
              FROM e LEFT JOIN rate ON rate.id = e.id WHERE e.billable
            UNION ALL
            SELECT e.key, cost.currency, 0, e.s, 0, e.s * coalesce(cost.hourly_cost, 0), 0 FROM e LEFT JOIN cost ON cost.id = e.id
            UNION ALL
            SELECT ${lineKey}, i.currency, 0, 0, 0, 0, l.amount
              FROM invoice_lines l JOIN invoices i ON i.organization_id = l.organization_id AND i.id = l.invoice_id WHERE ${inv.join(' AND ')}),
          sums AS (SELECT key, currency, sum(bs)::int AS bs, sum(cs)::int AS cs, round(sum(v) / 3600, 2) AS v, round(sum(c) / 3600, 2) AS c, sum(inv) AS inv
                     FROM parts GROUP BY key, currency)
     SELECT key::text AS key_id, currency, bs AS billable_seconds, cs AS costed_seconds, to_char(v, 'FM999999999990.00') AS billable_value,
            to_char(inv, 'FM999999999990.00') AS invoiced_value, to_char(c, 'FM999999999990.00') AS cost, to_char(v - c, 'FM999999999990.00') AS margin,
            CASE WHEN v = 0 THEN NULL ELSE to_char(round((v - c) * 100 / v, 1), 'FM999999990.0') END AS margin_percent
       FROM sums`,
    params,
  );
}
