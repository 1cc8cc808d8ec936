/**
 * The health facts of an organization's open deals as of a moment ($2, now), in one set-based
 * statement; everything is read strictly before the moment:
 *
 * - the deal's stage, age and the days since its last time entry (null: none ever);
 * - its hours (every time entry on it) and the pre-sales hours of the organization's won deals
 *   "of its size": same currency, value from half to twice its value, hours logged before their
 *   close; how many there are and their median;
 * - its hours budget (deals.hours_budget), the hours used in the budget's period (life: all;
 *   month: since the first of the month, UTC), its money budget (deals.money_budget; the money
 *   used comes from the deal budgets' burn, InsightsRepository.dealHealthFacts) and the deal's
 *   timeline: start_date (else the day it was created) to end_date.
 *
 * $1 organization, $2 the moment, $3 one deal id or null.
 */
export const DEAL_HEALTH_FACTS_SQL = `
  WITH d AS (
    SELECT d.organization_id, d.id, d.name, d.account_id, d.stage, d.value, d.currency, d.created_at,
           d.hours_budget, d.money_budget, d.budget_period, d.start_date, d.end_date
      FROM deals d
     WHERE d.organization_id = $1 AND d.stage NOT IN ('won', 'lost') AND ($3::uuid IS NULL OR d.id = $3::uuid)),
  won AS (
    SELECT w.currency, w.value,
           coalesce((SELECT sum(e.duration_seconds) FROM time_entries e
                      WHERE e.organization_id = w.organization_id AND e.deal_id = w.id
                        AND e.start_time < coalesce(w.closed_at, w.updated_at)), 0) / 3600.0 AS hours
      FROM deals w
     WHERE w.organization_id = $1 AND w.stage = 'won')
  SELECT d.id AS deal_id, d.name AS deal_name, d.account_id, d.stage, d.currency, d.value::float8 AS value,
         greatest(extract(epoch FROM $2::timestamptz - d.created_at) / 86400, 0)::float8 AS deal_age_days,
         (extract(epoch FROM $2::timestamptz - t.last_start) / 86400)::float8 AS days_since_entry,
         (coalesce(t.seconds, 0) / 3600.0)::float8 AS hours,
         coalesce(p.n, 0)::int AS won_peers,
         p.median::float8 AS won_peer_median_hours,
         d.hours_budget::float8 AS hours_budget, d.money_budget::float8 AS money_budget, d.budget_period,
         (coalesce(CASE WHEN d.budget_period = 'month' THEN t.month_seconds ELSE t.seconds END, 0) / 3600.0)::float8 AS budget_used_hours,
         to_char(coalesce(d.start_date, (d.created_at AT TIME ZONE 'UTC')::date), 'YYYY-MM-DD') AS timeline_start,
         to_char(d.end_date, 'YYYY-MM-DD') AS timeline_end
    FROM d
    LEFT JOIN LATERAL (
      SELECT sum(e.duration_seconds) AS seconds,
             sum(e.duration_seconds) FILTER (WHERE e.start_time >= date_trunc('month', $2::timestamptz AT TIME ZONE 'UTC') AT TIME ZONE 'UTC') AS month_seconds,
             max(e.start_time) AS last_start
        FROM time_entries e
       WHERE e.organization_id = d.organization_id AND e.deal_id = d.id AND e.start_time < $2::timestamptz) t ON true
    LEFT JOIN LATERAL (
      SELECT count(*) AS n, percentile_cont(0.5) WITHIN GROUP (ORDER BY won.hours) AS median
        FROM won
       WHERE won.currency = d.currency AND d.value > 0 AND won.value >= d.value / 2 AND won.value <= d.value * 2) p ON true
   ORDER BY d.id`;
