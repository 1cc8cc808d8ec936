import { Injectable } from '@nestjs/common';
import { DomainEvent, OnDomainEvent } from '@clockwork/server-core';
import { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';

export const UNMAPPED_KIND = 'time_entries.unmapped';

/**
 * `time_entry.unmapped` -> one unread "time entries await review" notification per active
 * admin and manager, its count going up by one per entry (not one notification per entry).
 * Once read, the next unmapped entry starts a new one. Runs in the events' transaction (a batch
 * adds its number of entries in one upsert), so each entry counts exactly once.
 */
@Injectable()
export class UnmappedEntriesHandler {
  /** The events of a batch (one organization) count all at once: one upsert adds their number. */
  @OnDomainEvent('time_entry.unmapped', { batch: true })
  async count(events: DomainEvent[], manager: EntityManager): Promise<void> {
    const organizationId = events[0].organizationId;
    const n = events.length;
    const reviewers: { id: string }[] = await manager.query(
      `SELECT id FROM users WHERE organization_id = $1 AND role IN ('admin', 'manager') AND is_active ORDER BY id`,
      [organizationId],
    );
    if (reviewers.length === 0) return;
    // Rows in recipient order, so concurrent events lock the same rows in the same order.
    const rows = reviewers.map((r) => ({ id: uuidv7(), user_id: r.id }));
    await manager.query(
      `INSERT INTO notifications AS n (organization_id, id, user_id, kind, title, body, link, data, dedupe_key)
       SELECT $1, r.id, r.user_id, $3, 'Time entries await review',
              CASE WHEN $4::int = 1 THEN '1 new time entry awaits review' ELSE $4::int || ' new time entries await review' END, '/time-entries/unmapped',
              jsonb_build_object('count', $4::int), $3
         FROM jsonb_to_recordset($2::jsonb) AS r(id uuid, user_id uuid)
       ON CONFLICT (organization_id, user_id, dedupe_key) WHERE read_at IS NULL AND dedupe_key IS NOT NULL DO UPDATE SET
         data = n.data || jsonb_build_object('count', coalesce((n.data ->> 'count')::int, 0) + $4::int),
         body = (coalesce((n.data ->> 'count')::int, 0) + $4::int) || ' new time entries await review',
         updated_at = now()`,
      [organizationId, JSON.stringify(rows), UNMAPPED_KIND, n],
    );
  }
}
