import { Injectable } from '@nestjs/common';
import type { TimeEntry } from '@clockwork/shared-entities';
import { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type { NormalizedEntry } from './time-entry.rules';

/** A time entry's field as the platform sends it and as the CRM stores it. */
const FIELDS: { field: keyof NormalizedEntry; crm: (e: TimeEntry) => unknown }[] = [
  { field: 'start_time', crm: (e) => new Date(e.startTime).toISOString() },
  { field: 'end_time', crm: (e) => new Date(e.endTime).toISOString() },
  { field: 'duration_seconds', crm: (e) => e.durationSeconds },
  { field: 'project_name', crm: (e) => e.projectName },
  { field: 'tags', crm: (e) => [...e.tags].sort().join(', ') },
  { field: 'activity_type', crm: (e) => e.activityType },
  { field: 'billable', crm: (e) => e.billable },
];

const remoteValue = (entry: NormalizedEntry, field: keyof NormalizedEntry): unknown => {
  const v = entry[field];
  if (field === 'tags') return [...(v as string[])].sort().join(', ');
  if (field === 'start_time' || field === 'end_time') return new Date(v as string).toISOString();
  return v;
};

/**
 * The platform's changes to entries locked by an approved timesheet: the entry stays as
 * approved (the CRM side wins), and each field the platform changed is kept in the sync
 * conflicts list (`record_type` `time_entry`, no sync record) for a reviewer, who reopens the
 * timesheet to apply it.
 */
@Injectable()
export class LockedEntryConflictsRepository {
  /** Records the fields of `incoming` that differ from the locked entry (a deletion: field `deleted`); returns how many. */
  async record(manager: EntityManager, organizationId: string, locked: TimeEntry, incoming: NormalizedEntry | 'deleted'): Promise<number> {
    const conflicts =
      incoming === 'deleted'
        ? [{ field: 'deleted', crm: false, remote: true }]
        : FIELDS.map((f) => ({ field: f.field as string, crm: f.crm(locked), remote: remoteValue(incoming, f.field) })).filter((c) => c.crm !== c.remote);
    if (conflicts.length === 0) return 0;
    const remoteAt = incoming !== 'deleted' && incoming.source_updated_at ? incoming.source_updated_at : new Date().toISOString();
    await manager.query(
      `INSERT INTO sync_conflicts (organization_id, id, sync_record_id, record_type, record_id, field, crm_value, remote_value, crm_updated_at, remote_updated_at, winner)
       SELECT $1, r.id, NULL, 'time_entry', $2, r.field, r.crm_value, r.remote_value, $3, $4, 'crm'
         FROM jsonb_to_recordset($5::jsonb) AS r(id uuid, field text, crm_value jsonb, remote_value jsonb)`,
      [organizationId, locked.id, locked.sourceUpdatedAt ?? locked.updatedAt, remoteAt, JSON.stringify(conflicts.map((c) => ({ id: uuidv7(), field: c.field, crm_value: c.crm, remote_value: c.remote })))],
    );
    return conflicts.length;
  }
}
