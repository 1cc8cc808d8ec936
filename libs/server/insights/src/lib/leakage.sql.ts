import { RATE_OF_ENTRY } from '@clockwork/server-billing';
import { LEAKAGE_CATEGORIES } from '@clockwork/shared-dto';

/**
 * Leakage: tracked time that will not turn into revenue, each entry in the first category it
 * fits (the order of LEAKAGE_CATEGORIES):
 *
 * - lost_deal: on a deal that was lost;
 * - closed_deal: on a won deal, started at or after its close (`closed_at`);
 * - non_billable: marked non-billable, on a won deal, with an hourly rate in effect
 *   (billable-looking work);
 * - invoiced_period: billable, on no invoice that is not void, and its UTC day inside the period
 *   of an issued or paid invoice of its deal (or, for an invoice of a whole account, of its
 *   account): the period is billed already;
 * - no_open_deal: on no deal, for an account (its own, else its deal's) that has no open deal
 *   (where budgets live).
 *
 * Each entry is priced at its hourly rate (the billing rules: deal+user, deal, account, user,
 * organization); money is Σ seconds × rate / 3600, rounded half up once per category and currency.
 * $1 organization, $2 first day included or null, $3 first day excluded or null.
 */
export const LEAKAGE_SQL = `
  WITH e AS (
    SELECT e.organization_id, e.id, e.deal_id, e.user_id, e.account_id, coalesce(e.account_id, d.account_id) AS client_id, e.start_time, e.duration_seconds, e.billable,
           d.stage AS deal_stage, d.closed_at
      FROM time_entries e
      LEFT JOIN deals d ON d.organization_id = e.organization_id AND d.id = e.deal_id
     WHERE e.organization_id = $1
       AND ($2::date IS NULL OR e.start_time >= $2::date::timestamp AT TIME ZONE 'UTC')
       AND ($3::date IS NULL OR e.start_time < $3::date::timestamp AT TIME ZONE 'UTC')),
  c AS (
    SELECT e.*, rate.hourly_rate::numeric AS hourly_rate, rate.currency,
           CASE
             WHEN e.deal_stage = 'lost' THEN 'lost_deal'
             WHEN e.deal_stage = 'won' AND e.start_time >= e.closed_at THEN 'closed_deal'
             WHEN NOT e.billable AND e.deal_stage = 'won' AND rate.hourly_rate IS NOT NULL THEN 'non_billable'
             WHEN e.billable
              AND NOT EXISTS (SELECT 1 FROM invoice_line_entries x JOIN invoices xi ON xi.organization_id = x.organization_id AND xi.id = x.invoice_id
                               WHERE x.organization_id = e.organization_id AND x.time_entry_id = e.id AND xi.status <> 'void')
              AND EXISTS (SELECT 1 FROM invoices i
                           WHERE i.organization_id = e.organization_id AND i.status IN ('issued', 'paid')
                             AND (i.deal_id = e.deal_id OR (i.deal_id IS NULL AND i.account_id = e.client_id))
                             AND (e.start_time AT TIME ZONE 'UTC')::date BETWEEN i.period_from AND i.period_to) THEN 'invoiced_period'
             WHEN e.deal_id IS NULL AND e.client_id IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM deals o WHERE o.organization_id = e.organization_id AND o.account_id = e.client_id AND o.stage NOT IN ('won', 'lost')) THEN 'no_open_deal'
           END AS category
      FROM e
      ${RATE_OF_ENTRY('e')})
  SELECT c.category, c.currency, count(*)::int AS entries, sum(c.duration_seconds)::bigint::text AS seconds,
         round(sum(c.duration_seconds * coalesce(c.hourly_rate, 0)) / 3600, 2)::text AS value
    FROM c
   WHERE c.category IS NOT NULL
   GROUP BY c.category, c.currency
   ORDER BY array_position(ARRAY[${LEAKAGE_CATEGORIES.map((k) => `'${k}'`).join(', ')}], c.category), c.currency NULLS LAST`;
