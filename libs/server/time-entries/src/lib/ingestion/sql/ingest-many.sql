WITH r AS (SELECT * FROM jsonb_to_recordset($2::jsonb) AS r(ord int, id uuid, audit_id uuid, event_id uuid,
         external_id text, user_id uuid, employee_id text, deal_id uuid,
         task_id uuid, account_id uuid, project_name text, tags text[],
         start_time timestamptz, end_time timestamptz, duration_seconds int, activity_type text,
         productivity_score numeric, source text, mapping_status text, mapping_rule text,
         unmapped_reason text, source_updated_at timestamptz, billable boolean)),
before AS (SELECT * FROM time_entries WHERE organization_id = $1 AND id = ANY($3::uuid[])),
up AS (
  INSERT INTO time_entries AS t (organization_id, id,
         external_id, user_id, employee_id, deal_id,
         task_id, account_id, project_name, tags,
         start_time, end_time, duration_seconds, activity_type,
         productivity_score, source, mapping_status, mapping_rule,
         unmapped_reason, source_updated_at, billable)
  SELECT $1, r.id,
         r.external_id, r.user_id, r.employee_id, r.deal_id,
         r.task_id, r.account_id, r.project_name, coalesce(r.tags, '{}'),
         r.start_time, r.end_time, r.duration_seconds, r.activity_type,
         r.productivity_score, r.source, r.mapping_status, r.mapping_rule,
         r.unmapped_reason, r.source_updated_at, r.billable
    FROM r
   ORDER BY r.external_id NULLS LAST, r.ord
  ON CONFLICT (organization_id, external_id) WHERE external_id IS NOT NULL DO UPDATE SET
         user_id = EXCLUDED.user_id, employee_id = EXCLUDED.employee_id, deal_id = CASE WHEN t.mapping_rule = 'manual' THEN t.deal_id ELSE EXCLUDED.deal_id END, task_id = CASE WHEN t.mapping_rule = 'manual' THEN t.task_id ELSE EXCLUDED.task_id END,
         account_id = CASE WHEN t.mapping_rule = 'manual' THEN t.account_id ELSE EXCLUDED.account_id END, project_name = EXCLUDED.project_name, tags = EXCLUDED.tags, start_time = EXCLUDED.start_time,
         end_time = EXCLUDED.end_time, duration_seconds = EXCLUDED.duration_seconds, activity_type = EXCLUDED.activity_type, productivity_score = EXCLUDED.productivity_score,
         source = EXCLUDED.source, mapping_status = CASE WHEN t.mapping_rule = 'manual' THEN t.mapping_status ELSE EXCLUDED.mapping_status END, mapping_rule = CASE WHEN t.mapping_rule = 'manual' THEN t.mapping_rule ELSE EXCLUDED.mapping_rule END, unmapped_reason = CASE WHEN t.mapping_rule = 'manual' THEN t.unmapped_reason ELSE EXCLUDED.unmapped_reason END,
         source_updated_at = EXCLUDED.source_updated_at, billable = EXCLUDED.billable, version = t.version + 1, updated_at = now()
  WHERE EXCLUDED.source_updated_at IS NOT NULL AND (t.source_updated_at IS NULL OR EXCLUDED.source_updated_at > t.source_updated_at)
    AND t.approved_timesheet_id IS NULL
  RETURNING t.organization_id, t.id, t.external_id, t.user_id,
         t.employee_id, t.deal_id, t.task_id, t.account_id,
         t.project_name, t.tags, t.start_time, t.end_time,
         t.duration_seconds, t.activity_type, t.productivity_score, t.source,
         t.mapping_status, t.mapping_rule, t.unmapped_reason, t.sync_status,
         t.billable, t.source_updated_at, t.version, t.created_at,
         t.updated_at, t.approved_timesheet_id, (t.xmax = 0) AS inserted),
json AS MATERIALIZED (
  SELECT up.id, up.inserted, r.audit_id, r.event_id,
         coalesce('"' || up.id || '"', 'null') AS a_id, coalesce(to_json(up.external_id)::text, 'null') AS a_external_id, coalesce('"' || up.user_id || '"', 'null') AS a_user_id, coalesce(to_json(up.employee_id)::text, 'null') AS a_employee_id, coalesce('"' || up.deal_id || '"', 'null') AS a_deal_id,
         coalesce('"' || up.task_id || '"', 'null') AS a_task_id, coalesce('"' || up.account_id || '"', 'null') AS a_account_id, coalesce(to_json(up.project_name)::text, 'null') AS a_project_name, coalesce(to_json(up.tags)::text, 'null') AS a_tags, coalesce('"' || to_char(up.start_time AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '"', 'null') AS a_start_time,
         coalesce('"' || to_char(up.end_time AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '"', 'null') AS a_end_time, coalesce(up.duration_seconds::text, 'null') AS a_duration_seconds, coalesce(to_json(up.activity_type)::text, 'null') AS a_activity_type, coalesce(up.productivity_score::float8::text, 'null') AS a_productivity_score, coalesce(to_json(up.source)::text, 'null') AS a_source,
         coalesce(to_json(up.mapping_status)::text, 'null') AS a_mapping_status, coalesce(to_json(up.mapping_rule)::text, 'null') AS a_mapping_rule, coalesce(to_json(up.unmapped_reason)::text, 'null') AS a_unmapped_reason, coalesce(to_json(up.sync_status)::text, 'null') AS a_sync_status, coalesce(up.billable::text, 'null') AS a_billable,
         coalesce('"' || to_char(up.source_updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '"', 'null') AS a_source_updated_at, coalesce(up.version::text, 'null') AS a_version, coalesce('"' || to_char(up.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '"', 'null') AS a_created_at, coalesce('"' || to_char(up.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '"', 'null') AS a_updated_at,
         coalesce('"' || b.id || '"', 'null') AS b_id, coalesce(to_json(b.external_id)::text, 'null') AS b_external_id, coalesce('"' || b.user_id || '"', 'null') AS b_user_id, coalesce(to_json(b.employee_id)::text, 'null') AS b_employee_id, coalesce('"' || b.deal_id || '"', 'null') AS b_deal_id,
         coalesce('"' || b.task_id || '"', 'null') AS b_task_id, coalesce('"' || b.account_id || '"', 'null') AS b_account_id, coalesce(to_json(b.project_name)::text, 'null') AS b_project_name, coalesce(to_json(b.tags)::text, 'null') AS b_tags, coalesce('"' || to_char(b.start_time AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '"', 'null') AS b_start_time,
         coalesce('"' || to_char(b.end_time AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '"', 'null') AS b_end_time, coalesce(b.duration_seconds::text, 'null') AS b_duration_seconds, coalesce(to_json(b.activity_type)::text, 'null') AS b_activity_type, coalesce(b.productivity_score::float8::text, 'null') AS b_productivity_score, coalesce(to_json(b.source)::text, 'null') AS b_source,
         coalesce(to_json(b.mapping_status)::text, 'null') AS b_mapping_status, coalesce(to_json(b.mapping_rule)::text, 'null') AS b_mapping_rule, coalesce(to_json(b.unmapped_reason)::text, 'null') AS b_unmapped_reason, coalesce(to_json(b.sync_status)::text, 'null') AS b_sync_status, coalesce(b.billable::text, 'null') AS b_billable,
         coalesce('"' || to_char(b.source_updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '"', 'null') AS b_source_updated_at, coalesce(b.version::text, 'null') AS b_version, coalesce('"' || to_char(b.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '"', 'null') AS b_created_at, coalesce('"' || to_char(b.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '"', 'null') AS b_updated_at,
         CASE WHEN b.id IS NULL OR b.deal_id IS DISTINCT FROM up.deal_id OR b.task_id IS DISTINCT FROM up.task_id OR b.mapping_status IS DISTINCT FROM up.mapping_status
                THEN 'time_entry.' || up.mapping_status ELSE 'time_entry.updated' END AS event_type
    FROM up
    JOIN r ON (CASE WHEN up.external_id IS NULL THEN 'id:' || up.id ELSE 'ext:' || up.external_id END) = (CASE WHEN r.external_id IS NULL THEN 'id:' || r.id ELSE 'ext:' || r.external_id END)
    LEFT JOIN before b ON NOT up.inserted AND b.id = up.id),
w AS (
  SELECT id, inserted, audit_id, event_id, event_type,
         ('{' || '"id":' || a_id
           || ',' || '"external_id":' || a_external_id
           || ',' || '"user_id":' || a_user_id
           || ',' || '"employee_id":' || a_employee_id
           || ',' || '"deal_id":' || a_deal_id
           || ',' || '"task_id":' || a_task_id
           || ',' || '"account_id":' || a_account_id
           || ',' || '"project_name":' || a_project_name
           || ',' || '"tags":' || a_tags
           || ',' || '"start_time":' || a_start_time
           || ',' || '"end_time":' || a_end_time
           || ',' || '"duration_seconds":' || a_duration_seconds
           || ',' || '"activity_type":' || a_activity_type
           || ',' || '"productivity_score":' || a_productivity_score
           || ',' || '"source":' || a_source
           || ',' || '"mapping_status":' || a_mapping_status
           || ',' || '"mapping_rule":' || a_mapping_rule
           || ',' || '"unmapped_reason":' || a_unmapped_reason
           || ',' || '"sync_status":' || a_sync_status
           || ',' || '"billable":' || a_billable
           || ',' || '"source_updated_at":' || a_source_updated_at
           || ',' || '"version":' || a_version
           || ',' || '"created_at":' || a_created_at
           || ',' || '"updated_at":' || a_updated_at || '}')::jsonb AS payload,
         ('{' || substr(CASE WHEN b_id <> a_id THEN ',"id":{"from":' || b_id || ',"to":' || a_id || '}' ELSE '' END
           || CASE WHEN b_external_id <> a_external_id THEN ',"external_id":{"from":' || b_external_id || ',"to":' || a_external_id || '}' ELSE '' END
           || CASE WHEN b_user_id <> a_user_id THEN ',"user_id":{"from":' || b_user_id || ',"to":' || a_user_id || '}' ELSE '' END
           || CASE WHEN b_employee_id <> a_employee_id THEN ',"employee_id":{"from":' || b_employee_id || ',"to":' || a_employee_id || '}' ELSE '' END
           || CASE WHEN b_deal_id <> a_deal_id THEN ',"deal_id":{"from":' || b_deal_id || ',"to":' || a_deal_id || '}' ELSE '' END
           || CASE WHEN b_task_id <> a_task_id THEN ',"task_id":{"from":' || b_task_id || ',"to":' || a_task_id || '}' ELSE '' END
           || CASE WHEN b_account_id <> a_account_id THEN ',"account_id":{"from":' || b_account_id || ',"to":' || a_account_id || '}' ELSE '' END
           || CASE WHEN b_project_name <> a_project_name THEN ',"project_name":{"from":' || b_project_name || ',"to":' || a_project_name || '}' ELSE '' END
           || CASE WHEN b_tags <> a_tags THEN ',"tags":{"from":' || b_tags || ',"to":' || a_tags || '}' ELSE '' END
           || CASE WHEN b_start_time <> a_start_time THEN ',"start_time":{"from":' || b_start_time || ',"to":' || a_start_time || '}' ELSE '' END
           || CASE WHEN b_end_time <> a_end_time THEN ',"end_time":{"from":' || b_end_time || ',"to":' || a_end_time || '}' ELSE '' END
           || CASE WHEN b_duration_seconds <> a_duration_seconds THEN ',"duration_seconds":{"from":' || b_duration_seconds || ',"to":' || a_duration_seconds || '}' ELSE '' END
           || CASE WHEN b_activity_type <> a_activity_type THEN ',"activity_type":{"from":' || b_activity_type || ',"to":' || a_activity_type || '}' ELSE '' END
           || CASE WHEN b_productivity_score <> a_productivity_score THEN ',"productivity_score":{"from":' || b_productivity_score || ',"to":' || a_productivity_score || '}' ELSE '' END
           || CASE WHEN b_source <> a_source THEN ',"source":{"from":' || b_source || ',"to":' || a_source || '}' ELSE '' END
           || CASE WHEN b_mapping_status <> a_mapping_status THEN ',"mapping_status":{"from":' || b_mapping_status || ',"to":' || a_mapping_status || '}' ELSE '' END
           || CASE WHEN b_mapping_rule <> a_mapping_rule THEN ',"mapping_rule":{"from":' || b_mapping_rule || ',"to":' || a_mapping_rule || '}' ELSE '' END
           || CASE WHEN b_unmapped_reason <> a_unmapped_reason THEN ',"unmapped_reason":{"from":' || b_unmapped_reason || ',"to":' || a_unmapped_reason || '}' ELSE '' END
           || CASE WHEN b_sync_status <> a_sync_status THEN ',"sync_status":{"from":' || b_sync_status || ',"to":' || a_sync_status || '}' ELSE '' END
           || CASE WHEN b_billable <> a_billable THEN ',"billable":{"from":' || b_billable || ',"to":' || a_billable || '}' ELSE '' END
           || CASE WHEN b_source_updated_at <> a_source_updated_at THEN ',"source_updated_at":{"from":' || b_source_updated_at || ',"to":' || a_source_updated_at || '}' ELSE '' END, 2) || '}')::jsonb AS changes
    FROM json),
audit AS (
  INSERT INTO audit_logs (organization_id, id, actor_type, actor_id, action, object_type, object_id, changes, request_id)
         SELECT $1, w.audit_id, $4, $5, CASE WHEN w.inserted THEN 'create' ELSE 'update' END, 'time_entry', w.id, w.changes, $6
           FROM w)
SELECT up.*,
       w.event_id AS ev_id, w.event_type AS ev_type, w.payload::text AS ev_payload
  FROM up JOIN w ON w.id = up.id
