/**
 * The facts of an organization's deals as of a moment, in one set-based statement: for a
 * closed deal (won or lost) the moment is its close (`closed_at`), for an open deal it is `$3`
 * (now). Everything is read strictly before that moment, so a closed deal looks as it did the
 * instant before its outcome was known (no label leakage):
 *
 * - stage: the last open stage the deal entered before the moment (deal_stage_history; the
 *   won/lost row itself is skipped), prospecting when the history has none; days in stage
 *   from that entry (else from the deal's creation);
 * - time entries, activities and tasks: those started, held or created before the moment; a
 *   task is open when not completed before the moment, overdue when also due before it;
 * - account history: the account's other deals closed before the moment.
 *
 * $1 organization, $2 true: closed deals, false: open deals, $3 the moment of open deals,
 * $4 one deal id or null, $5 account id or null, $6 owner id or null.
 */
export const DEAL_FACTS_SQL = `
  WITH d AS (
    SELECT d.organization_id, d.id, d.account_id, d.stage, d.value, d.currency, d.created_at,
           CASE WHEN d.stage IN ('won', 'lost') THEN coalesce(d.closed_at, d.updated_at) ELSE $3::timestamptz END AS as_of
      FROM deals d
     WHERE d.organization_id = $1
       AND (d.stage IN ('won', 'lost')) = $2::boolean
       AND ($4::uuid IS NULL OR d.id = $4::uuid)
       AND ($5::uuid IS NULL OR d.account_id = $5::uuid)
       AND ($6::uuid IS NULL OR d.owner_id = $6::uuid))
  SELECT d.id AS deal_id,
         CASE WHEN d.stage IN ('won', 'lost') THEN coalesce(s.stage, 'prospecting') ELSE d.stage END AS stage,
         CASE d.stage WHEN 'won' THEN 1 WHEN 'lost' THEN 0 END AS outcome,
         d.currency, d.value::float8 AS value,
         greatest(extract(epoch FROM d.as_of - coalesce(s.entered_at, d.created_at)) / 86400, 0)::float8 AS days_in_stage,
         greatest(extract(epoch FROM d.as_of - d.created_at) / 86400, 0)::float8 AS deal_age_days,
         (coalesce(t.seconds, 0) / 3600.0)::float8 AS hours,
         (coalesce(t.recent, 0) / 3600.0)::float8 AS hours_last_14d,
         (coalesce(t.prior, 0) / 3600.0)::float8 AS hours_prev_14d,
         coalesce(t.people, 0)::float8 AS people,
         (extract(epoch FROM d.as_of - t.last_start) / 86400)::float8 AS days_since_entry,
         (extract(epoch FROM d.as_of - a.last_at) / 86400)::float8 AS days_since_activity,
         k.open::float8 AS open_tasks, k.overdue::float8 AS overdue_tasks,
         coalesce(h.won, 0)::float8 AS account_won_before, coalesce(h.lost, 0)::float8 AS account_lost_before
    FROM d
    LEFT JOIN LATERAL (
      SELECT x.to_stage AS stage, x.entered_at
        FROM deal_stage_history x
       WHERE x.organization_id = d.organization_id AND x.deal_id = d.id AND x.to_stage NOT IN ('won', 'lost') AND x.entered_at < d.as_of
       ORDER BY x.entered_at DESC, x.id DESC
       LIMIT 1) s ON true
    LEFT JOIN LATERAL (
      SELECT sum(e.duration_seconds) AS seconds,
             sum(e.duration_seconds) FILTER (WHERE e.start_time >= d.as_of - interval '14 days') AS recent,
             sum(e.duration_seconds) FILTER (WHERE e.start_time >= d.as_of - interval '28 days' AND e.start_time < d.as_of - interval '14 days') AS prior,
             count(DISTINCT coalesce(e.user_id::text, e.employee_id)) AS people,
             max(e.start_time) AS last_start
        FROM time_entries e
       WHERE e.organization_id = d.organization_id AND e.deal_id = d.id AND e.start_time < d.as_of) t ON true
    LEFT JOIN LATERAL (
      SELECT max(v.occurred_at) AS last_at
        FROM activities v
       WHERE v.organization_id = d.organization_id AND v.deal_id = d.id AND v.occurred_at < d.as_of) a ON true
    LEFT JOIN LATERAL (
      SELECT count(*) AS open, count(*) FILTER (WHERE k.due_date < d.as_of) AS overdue
        FROM tasks k
       WHERE k.organization_id = d.organization_id AND k.deal_id = d.id AND k.created_at < d.as_of
         AND (k.completed_at IS NULL OR k.completed_at >= d.as_of) AND NOT (k.status = 'done' AND k.completed_at IS NULL)) k ON true
    LEFT JOIN LATERAL (
      SELECT count(*) FILTER (WHERE p.stage = 'won') AS won, count(*) FILTER (WHERE p.stage = 'lost') AS lost
        FROM deals p
       WHERE p.organization_id = d.organization_id AND p.account_id = d.account_id AND p.id <> d.id
         AND p.stage IN ('won', 'lost') AND coalesce(p.closed_at, p.updated_at) < d.as_of) h ON d.account_id IS NOT NULL
   ORDER BY d.id`;
