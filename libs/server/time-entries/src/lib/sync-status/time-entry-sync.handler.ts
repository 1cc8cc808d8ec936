import { Injectable } from '@nestjs/common';
import { DomainEvent, eventsOf, OnDomainEvent } from '@clockwork/server-core';
import { EntityManager } from 'typeorm';

/**
 * `sync_status` of a time entry: written `pending`, `synced` once the worker has processed the
 * event of the entry's latest version (in that event's transaction). An event of an older
 * version changes nothing: a newer write is still on its way. A batch of events is one UPDATE.
 */
@Injectable()
export class TimeEntrySyncHandler {
  /**
   * All the entries of a batch of events (one organization): found and locked one primary key
   * at a time, in id order, then updated by their address in one statement (a set-wise
   * condition could have the planner scan the organization's entries when its statistics are
   * behind).
   */
  @OnDomainEvent(eventsOf('time_entry'), { batch: true })
  async synced(events: DomainEvent[], manager: EntityManager): Promise<void> {
    const versions = new Map<string, number[]>();
    for (const e of events) {
      const version = e.payload['version'];
      if (e.aggregateId && typeof version === 'number') versions.set(e.aggregateId, [...(versions.get(e.aggregateId) ?? []), version]);
    }
    if (versions.size === 0) return;
    const ids = [...versions.keys()].sort();
    const rows: { row: string; id: string; version: number; synced: boolean }[] = await manager.query(
      `SELECT l.* FROM unnest($2::uuid[]) AS e(id)
        CROSS JOIN LATERAL (SELECT ctid AS row, id, version, sync_status = 'synced' AS synced FROM time_entries WHERE organization_id = $1 AND id = e.id FOR UPDATE) l`,
      [events[0].organizationId, ids],
    );
    const stale = rows.filter((r) => !r.synced && versions.get(r.id)?.includes(r.version)).map((r) => r.row);
    if (stale.length === 0) return;
    await manager.query(`UPDATE time_entries SET sync_status = 'synced' WHERE ctid = ANY($1::tid[])`, [stale]);
  }
}
