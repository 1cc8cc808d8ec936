import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';

export interface NewNotification {
  /** The recipient; inactive users and users of other organizations get nothing. */
  userId: string;
  /** What it is about, e.g. `task.overdue`, `webhook_subscription.disabled`. */
  kind: string;
  title: string;
  body?: string;
  /** Where the web app opens it, e.g. `/time-entries/unmapped`. */
  link?: string | null;
  data?: Record<string, unknown>;
  /**
   * One "episode": while a notification with this key is unread, recording it again updates that
   * one (title, body, link, data) instead of adding another. Once read, the next one is new.
   */
  dedupeKey?: string | null;
  /** Also send it by email (the worker's mailer sends pending emails after the transaction). */
  email?: boolean;
}

/**
 * Records in-app notifications in the caller's transaction, so they exist exactly when the
 * change they announce was committed. Pass the transaction's EntityManager.
 */
@Injectable()
export class NotificationWriter {
  async record(manager: EntityManager, organizationId: string, notification: NewNotification): Promise<void> {
    await this.recordMany(manager, organizationId, [notification]);
  }

  /** Many notifications of one organization in one statement; returns how many were written or refreshed. */
  async recordMany(manager: EntityManager, organizationId: string, notifications: NewNotification[]): Promise<number> {
    if (!manager.queryRunner?.isTransactionActive) throw new Error('Notifications must be recorded inside a transaction');
    // One row per recipient and key (a statement may not upsert the same row twice); last wins.
    const byKey = new Map<string, NewNotification>();
    notifications.forEach((n, i) => byKey.set(n.dedupeKey ? `${n.userId}|${n.dedupeKey}` : `#${i}`, n));
    const rows = [...byKey.values()]
      .sort((a, b) => a.userId.localeCompare(b.userId))
      .map((n) => ({
        id: uuidv7(),
        user_id: n.userId,
        kind: n.kind,
        title: n.title,
        body: n.body ?? '',
        link: n.link ?? null,
        data: n.data ?? {},
        dedupe_key: n.dedupeKey ?? null,
        email_status: n.email ? 'pending' : null,
      }));
    if (rows.length === 0) return 0;
    const written: unknown[] = await manager.query(
      `INSERT INTO notifications AS n (organization_id, id, user_id, kind, title, body, link, data, dedupe_key, email_status)
       SELECT $1, r.id, r.user_id, r.kind, r.title, r.body, r.link, r.data, r.dedupe_key, r.email_status
         FROM jsonb_to_recordset($2::jsonb) AS r(id uuid, user_id uuid, kind text, title text, body text, link text, data jsonb, dedupe_key text, email_status text)
        WHERE EXISTS (SELECT 1 FROM users u WHERE u.organization_id = $1 AND u.id = r.user_id AND u.is_active)
       ON CONFLICT (organization_id, user_id, dedupe_key) WHERE read_at IS NULL AND dedupe_key IS NOT NULL DO UPDATE SET
         kind = EXCLUDED.kind, title = EXCLUDED.title, body = EXCLUDED.body, link = EXCLUDED.link, data = EXCLUDED.data, updated_at = now()
       RETURNING n.id`,
      [organizationId, JSON.stringify(rows)],
    );
    return written.length;
  }
}
