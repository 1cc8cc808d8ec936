/**
 * The churn facts of an organization's accounts as of a moment ($2, now), in one set-based
 * statement; everything is read strictly before the moment:
 *
 * - effort: hours of time entries of the account (its own `account_id`, else its deal's) in the
 *   last 30 days and in the 90 days before them, and the start of the last entry;
 * - the last call or meeting on the account, one of its contacts or one of its deals;
 * - deals: open ones now, lost ones closed in the last 180 days;
 * - invoices (the account's, or of one of its deals) issued and not paid more than $4 days
 *   (DEFAULT_DUE_DAYS) after the invoice date;
 * - tasks of its deals not done and due before the moment.
 *
 * $1 organization, $2 the moment, $3 one account id or null, $4 the payment term in days.
 */
export const CHURN_FACTS_SQL = `
  WITH acc AS (
    SELECT a.id, a.name, a.created_at FROM accounts a
     WHERE a.organization_id = $1 AND ($3::uuid IS NULL OR a.id = $3::uuid)),
  te AS (
    SELECT coalesce(e.account_id, d.account_id) AS account_id,
           sum(e.duration_seconds) FILTER (WHERE e.start_time >= $2::timestamptz - interval '30 days') AS recent,
           sum(e.duration_seconds) FILTER (WHERE e.start_time >= $2::timestamptz - interval '120 days' AND e.start_time < $2::timestamptz - interval '30 days') AS prior,
           max(e.start_time) AS last_start
      FROM time_entries e
      LEFT JOIN deals d ON d.organization_id = e.organization_id AND d.id = e.deal_id
     WHERE e.organization_id = $1 AND e.start_time < $2::timestamptz AND coalesce(e.account_id, d.account_id) IN (SELECT id FROM acc)
     GROUP BY 1),
  act AS (
    SELECT coalesce(v.account_id, c.account_id, d.account_id) AS account_id, max(v.occurred_at) AS last_at
      FROM activities v
      LEFT JOIN contacts c ON c.organization_id = v.organization_id AND c.id = v.contact_id
      LEFT JOIN deals d ON d.organization_id = v.organization_id AND d.id = v.deal_id
     WHERE v.organization_id = $1 AND v.occurred_at < $2::timestamptz
     GROUP BY 1),
  dl AS (
    SELECT d.account_id,
           count(*) FILTER (WHERE d.stage NOT IN ('won', 'lost')) AS open,
           count(*) FILTER (WHERE d.stage = 'lost' AND coalesce(d.closed_at, d.updated_at) >= $2::timestamptz - interval '180 days' AND coalesce(d.closed_at, d.updated_at) < $2::timestamptz) AS lost
      FROM deals d
     WHERE d.organization_id = $1 AND d.account_id IS NOT NULL
     GROUP BY 1),
  inv AS (
    SELECT coalesce(i.account_id, d.account_id) AS account_id, count(*) AS overdue
      FROM invoices i
      LEFT JOIN deals d ON d.organization_id = i.organization_id AND d.id = i.deal_id
     WHERE i.organization_id = $1 AND i.status = 'issued' AND i.invoice_date + $4::int < ($2::timestamptz AT TIME ZONE 'UTC')::date
     GROUP BY 1),
  tk AS (
    SELECT d.account_id, count(*) AS overdue
      FROM tasks k JOIN deals d ON d.organization_id = k.organization_id AND d.id = k.deal_id
     WHERE k.organization_id = $1 AND k.status <> 'done' AND k.due_date < $2::timestamptz
     GROUP BY 1)
  SELECT acc.id AS account_id, acc.name,
         greatest(extract(epoch FROM $2::timestamptz - acc.created_at) / 86400, 0)::float8 AS account_age_days,
         (coalesce(te.recent, 0) / 3600.0)::float8 AS hours_last_30d,
         (coalesce(te.prior, 0) / 3600.0)::float8 AS hours_prev_90d,
         (extract(epoch FROM $2::timestamptz - te.last_start) / 86400)::float8 AS days_since_entry,
         (extract(epoch FROM $2::timestamptz - act.last_at) / 86400)::float8 AS days_since_activity,
         coalesce(dl.open, 0)::float8 AS open_deals,
         coalesce(dl.lost, 0)::float8 AS lost_deals_180d,
         coalesce(inv.overdue, 0)::float8 AS overdue_invoices,
         coalesce(tk.overdue, 0)::float8 AS overdue_tasks
    FROM acc
    LEFT JOIN te ON te.account_id = acc.id
    LEFT JOIN act ON act.account_id = acc.id
    LEFT JOIN dl ON dl.account_id = acc.id
    LEFT JOIN inv ON inv.account_id = acc.id
    LEFT JOIN tk ON tk.account_id = acc.id
   ORDER BY acc.id`;
