import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export type AlertKind = 'overdue' | 'idle';

/** A new alert episode and one person to tell about it (the assignee, an admin or a manager). */
export interface AlertRecipientRow {
  organization_id: string;
  episode_id: string;
  kind: AlertKind;
  task_id: string;
  title: string;
  status: string;
  priority: string;
  due_date: Date | null;
  deal_id: string | null;
  assigned_to: string | null;
  status_changed_at: Date;
  /** null: nobody to tell (the event is still recorded). */
  user_id: string | null;
}

/** Open high/urgent tasks: the predicate of the partial indexes tasks_alert_*_idx. */
const OPEN_URGENT = `t.priority IN ('high', 'urgent') AND t.status <> 'done'`;
const OVERDUE = `t.due_date < now()`;
/** $1: the idle threshold (now - TASK_IDLE_HOURS). */
const IDLE = `t.status_changed_at < $1 AND NOT EXISTS (
  SELECT 1 FROM time_entries te WHERE te.organization_id = t.organization_id AND te.task_id = t.id AND te.end_time >= $1)`;
const openEpisode = (kind: AlertKind) => `EXISTS (
  SELECT 1 FROM task_alert_episodes e WHERE e.organization_id = t.organization_id AND e.task_id = t.id AND e.kind = '${kind}' AND e.ended_at IS NULL)`;

/**
 * The set-based queries of the alert scan, across organizations (the worker's own work). An
 * episode is open while its task matches: overdue = high/urgent, not done, due date passed;
 * idle = high/urgent, not done, no status change and no time logged since the threshold.
 */
@Injectable()
export class TaskAlertsRepository {
  /** Ends the open episodes whose task no longer matches (done, due date moved, activity, priority lowered). */
  async endEpisodes(manager: EntityManager, idleSince: Date): Promise<number> {
    const [, ended] = await manager.query(
      `UPDATE task_alert_episodes e SET ended_at = now()
         FROM tasks t
        WHERE e.ended_at IS NULL AND t.organization_id = e.organization_id AND t.id = e.task_id
          AND NOT coalesce(${OPEN_URGENT} AND CASE e.kind WHEN 'overdue' THEN ${OVERDUE} ELSE ${IDLE} END, false)`,
      [idleSince],
    );
    return ended as number;
  }

  /** Tasks that match a kind and have no open episode of it (at most `limit`). */
  candidates(manager: EntityManager, idleSince: Date, limit: number): Promise<{ organization_id: string; task_id: string; kind: AlertKind }[]> {
    return manager.query(
      `(SELECT t.organization_id, t.id AS task_id, 'overdue' AS kind FROM tasks t
         WHERE ${OPEN_URGENT} AND ${OVERDUE} AND NOT ${openEpisode('overdue')} LIMIT $2)
       UNION ALL
       (SELECT t.organization_id, t.id AS task_id, 'idle' AS kind FROM tasks t
         WHERE ${OPEN_URGENT} AND ${IDLE} AND NOT ${openEpisode('idle')} LIMIT $2)`,
      [idleSince, limit],
    );
  }

  /**
   * Opens the episodes; returns each one that this call opened (a concurrent scan that opened
   * the same one first wins) joined with the people to tell: the task's assignee and the
   * organization's active admins and managers, each once.
   */
  async openEpisodes(manager: EntityManager, episodes: { id: string; organization_id: string; task_id: string; kind: AlertKind }[]): Promise<AlertRecipientRow[]> {
    if (episodes.length === 0) return [];
    return manager.query(
      `WITH opened AS (
         INSERT INTO task_alert_episodes (organization_id, id, task_id, kind)
         SELECT r.organization_id, r.id, r.task_id, r.kind FROM jsonb_to_recordset($1::jsonb) AS r(organization_id uuid, id uuid, task_id uuid, kind text)
         ON CONFLICT (organization_id, task_id, kind) WHERE ended_at IS NULL DO NOTHING
         RETURNING organization_id, id, task_id, kind)
       SELECT o.organization_id, o.id AS episode_id, o.kind, t.id AS task_id, t.title, t.status, t.priority, t.due_date, t.deal_id,
              t.assigned_to, t.status_changed_at, u.id AS user_id
         FROM opened o
         JOIN tasks t ON t.organization_id = o.organization_id AND t.id = o.task_id
         LEFT JOIN users u ON u.organization_id = t.organization_id AND u.is_active AND (u.id = t.assigned_to OR u.role IN ('admin', 'manager'))
        ORDER BY o.organization_id, o.id, u.id`,
      [JSON.stringify(episodes)],
    );
  }
}
