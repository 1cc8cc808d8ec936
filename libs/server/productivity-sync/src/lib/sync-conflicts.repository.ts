import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { decodeCursor, RequestContext, toPage } from '@clockwork/server-core';
import type { SyncConflictDto, SyncConflictPageDto, SyncConflictQueryDto, SyncRecordType, SyncSide } from '@clockwork/shared-dto';
import { DataSource, EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type { FieldConflict } from './task-merge.rules';

export interface SyncConflictRow {
  id: string;
  integration_id: string | null;
  record_type: SyncRecordType;
  record_id: string;
  field: string;
  crm_value: unknown;
  remote_value: unknown;
  crm_updated_at: Date | null;
  remote_updated_at: Date;
  winner: SyncSide;
  resolved_at: Date | null;
  resolved_by: string | null;
  resolution: SyncSide | null;
  created_at: Date;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export function toSyncConflictDto(r: SyncConflictRow): SyncConflictDto {
  return {
    ...r,
    crm_value: r.crm_value ?? null,
    remote_value: r.remote_value ?? null,
    crm_updated_at: iso(r.crm_updated_at),
    remote_updated_at: iso(r.remote_updated_at) as string,
    resolved_at: iso(r.resolved_at),
    created_at: iso(r.created_at) as string,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The position a cursor of this list carries: (created_at, id). */
function cursorAfter(cursor: string): { at: string; id: string } {
  const { value, id } = decodeCursor(cursor, { cast: 'timestamptz' });
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value)) || !UUID.test(id)) {
    throw new BadRequestException({ message: 'cursor is not a cursor returned by this API', details: [{ field: 'cursor', errors: ['cursor is invalid'] }] });
  }
  return { at: value, id };
}

/** A time entry's conflicts (an update of an entry locked by an approved timesheet) have no sync record. */
const SELECT = `SELECT c.id, s.integration_id, c.record_type, c.record_id, c.field, c.crm_value, c.remote_value, c.crm_updated_at, c.remote_updated_at,
                       c.winner, c.resolved_at, c.resolved_by, c.resolution, c.created_at
                  FROM sync_conflicts c LEFT JOIN sync_records s ON s.organization_id = c.organization_id AND s.id = c.sync_record_id`;

/** The conflicts list: named queries, scoped to the caller's organization (or the given one). */
@Injectable()
export class SyncConflictsRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly context: RequestContext,
  ) {}

  async insertMany(manager: EntityManager, syncRecordId: string, recordId: string, conflicts: FieldConflict[], at: { crm: Date; remote: Date }): Promise<void> {
    for (const c of conflicts) {
      await manager.query(
        `INSERT INTO sync_conflicts (organization_id, id, sync_record_id, record_type, record_id, field, crm_value, remote_value, crm_updated_at, remote_updated_at, winner)
         VALUES ($1, $2, $3, 'task', $4, $5, $6, $7, $8, $9, $10)`,
        [this.context.organizationId, uuidv7(), syncRecordId, recordId, c.field, JSON.stringify(c.crmValue), JSON.stringify(c.remoteValue), at.crm, at.remote, c.winner],
      );
    }
  }

  /** Oldest first; keyset on (created_at, id). */
  async listPage(query: SyncConflictQueryDto): Promise<SyncConflictPageDto> {
    const limit = query.limit ?? 50;
    const params: unknown[] = [this.context.organizationId];
    const where = ['c.organization_id = $1'];
    if (query.resolved !== undefined) where.push(query.resolved ? 'c.resolved_at IS NOT NULL' : 'c.resolved_at IS NULL');
    if (query.record_type) where.push(`c.record_type = $${params.push(query.record_type)}`);
    if (query.cursor) {
      const after = cursorAfter(query.cursor);
      where.push(`(c.created_at, c.id) > ($${params.push(after.at)}::timestamptz, $${params.push(after.id)}::uuid)`);
    }
    const rows: SyncConflictRow[] = await this.dataSource.query(`${SELECT} WHERE ${where.join(' AND ')} ORDER BY c.created_at, c.id LIMIT $${params.push(limit + 1)}`, params);
    return toPage(rows, limit, (r) => ({ value: new Date(r.created_at).toISOString(), id: r.id }), toSyncConflictDto);
  }

  async lockById(manager: EntityManager, id: string): Promise<SyncConflictRow | null> {
    const [row] = await manager.query(`${SELECT} WHERE c.organization_id = $1 AND c.id = $2 FOR UPDATE OF c`, [this.context.organizationId, id]);
    return row ?? null;
  }

  async markResolved(manager: EntityManager, id: string, keep: SyncSide, by: string | null): Promise<SyncConflictRow> {
    await manager.query(`UPDATE sync_conflicts SET resolved_at = now(), resolved_by = $3, resolution = $4 WHERE organization_id = $1 AND id = $2`, [this.context.organizationId, id, by, keep]);
    return (await this.lockById(manager, id)) as SyncConflictRow;
  }
}
