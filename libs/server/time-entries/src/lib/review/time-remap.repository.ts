import { Injectable } from '@nestjs/common';
import { UNLOCKED_TIME_ENTRY } from '@clockwork/server-timesheets';
import type { TimeEntry } from '@clockwork/shared-entities';
import type { EntityManager } from 'typeorm';
import { rowToEntity } from '../time-entry.mapper';

/** A new mapping of an unmapped entry, applied only if the entry did not change since it was read. */
export interface Remapping {
  id: string;
  version: number;
  user_id: string | null;
  deal_id: string | null;
  task_id: string | null;
  account_id: string | null;
  mapping_rule: string;
}

/** Set-based reads and writes of the review-queue re-mapping (explicit organization: it runs in the worker). */
@Injectable()
export class TimeRemapRepository {
  /** The next unmapped entries after the cursor, in (start_time, id) order (the partial unmapped index). */
  async unmappedAfter(m: EntityManager, organizationId: string, after: { startTime: Date; id: string } | null, limit: number): Promise<TimeEntry[]> {
    const rows: Record<string, unknown>[] = after
      ? await m.query(
          `SELECT * FROM time_entries
            WHERE organization_id = $1 AND mapping_status = 'unmapped' AND ${UNLOCKED_TIME_ENTRY('time_entries')} AND (start_time, id) > ($2::timestamptz, $3::uuid)
            ORDER BY start_time, id LIMIT $4`,
          [organizationId, after.startTime.toISOString(), after.id, limit],
        )
      : await m.query(`SELECT * FROM time_entries WHERE organization_id = $1 AND mapping_status = 'unmapped' AND ${UNLOCKED_TIME_ENTRY('time_entries')} ORDER BY start_time, id LIMIT $2`, [organizationId, limit]);
    return rows.map(rowToEntity);
  }

  /**
   * Maps the entries in one statement. An entry that changed meanwhile (version), is no longer
   * unmapped, was assigned by hand or is locked by an approved timesheet is left alone. Returns the entries as they are now.
   */
  async applyMappings(m: EntityManager, organizationId: string, remappings: Remapping[]): Promise<TimeEntry[]> {
    if (remappings.length === 0) return [];
    // TypeORM answers an UPDATE with [rows, affected].
    const [rows]: [Record<string, unknown>[], number] = await m.query(
      `UPDATE time_entries t
          SET user_id = coalesce(r.user_id, t.user_id), deal_id = r.deal_id, task_id = r.task_id, account_id = r.account_id,
              mapping_status = 'mapped', mapping_rule = r.mapping_rule, unmapped_reason = NULL, version = t.version + 1, updated_at = now()
         FROM jsonb_to_recordset($2::jsonb) AS r(id uuid, version int, user_id uuid, deal_id uuid, task_id uuid, account_id uuid, mapping_rule text)
        WHERE t.organization_id = $1 AND t.id = r.id AND t.version = r.version
          AND t.mapping_status = 'unmapped' AND t.mapping_rule IS DISTINCT FROM 'manual' AND ${UNLOCKED_TIME_ENTRY('t')}
        RETURNING t.*`,
      [organizationId, JSON.stringify(remappings)],
    );
    return rows.map(rowToEntity);
  }
}
