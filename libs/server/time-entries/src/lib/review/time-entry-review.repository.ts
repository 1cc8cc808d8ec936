import { Injectable } from '@nestjs/common';
import { TenantRepository } from '@clockwork/server-core';
import { TimeEntry } from '@clockwork/shared-entities';
import { EntityManager } from 'typeorm';
import { rowToEntity } from '../time-entry.mapper';

export interface ManualTarget {
  deal_id: string | null;
  task_id: string | null;
  account_id: string | null;
}

/** Set-based writes of the review queue: many entries assigned by a manager in one statement. */
@Injectable()
export class TimeEntryReviewRepository extends TenantRepository<TimeEntry> {
  constructor() {
    super(TimeEntry, 'Time entry');
  }

  /** The entries with these ids, locked for the rest of the transaction (in id order, so two callers cannot deadlock). */
  async lockMany(manager: EntityManager, ids: string[]): Promise<TimeEntry[]> {
    const rows: Record<string, unknown>[] = await manager.query(
      `SELECT * FROM time_entries WHERE organization_id = $1 AND id = ANY($2::uuid[]) ORDER BY id FOR UPDATE`,
      [this.organizationId, ids],
    );
    return rows.map(rowToEntity);
  }

  /** Maps the entries to the target by hand (`manual`, kept over later agent updates); returns them as they are now. */
  async assignMany(manager: EntityManager, ids: string[], target: ManualTarget): Promise<TimeEntry[]> {
    // TypeORM answers an UPDATE with [rows, affected].
    const [rows]: [Record<string, unknown>[], number] = await manager.query(
      `UPDATE time_entries SET deal_id = $3, task_id = $4, account_id = $5, mapping_status = 'mapped', mapping_rule = 'manual',
              unmapped_reason = NULL, version = version + 1, updated_at = now()
        WHERE organization_id = $1 AND id = ANY($2::uuid[])
        RETURNING *`,
      [this.organizationId, ids, target.deal_id, target.task_id, target.account_id],
    );
    return rows.map(rowToEntity);
  }
}
