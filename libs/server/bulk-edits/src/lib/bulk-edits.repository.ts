import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Principal } from '@clockwork/server-core';
import type { BulkEditDto, BulkEditKind, BulkEditPatchDto, BulkEditStatus } from '@clockwork/shared-dto';
import { v7 as uuidv7 } from 'uuid';
import { DataSource, EntityManager } from 'typeorm';

/** A bulk_edits row as the worker needs it. */
export interface BulkEditRow {
  organization_id: string;
  id: string;
  kind: BulkEditKind;
  patch: BulkEditPatchDto;
  record_ids: string[];
  total: number;
  done: number;
  status: BulkEditStatus;
  error: string | null;
  actor_kind: Principal['kind'];
  actor_id: string;
  actor_role: Principal['role'];
  created_at: Date;
  finished_at: Date | null;
}

const COLUMNS = 'organization_id, id, kind, patch, record_ids, total, done, status, error, actor_kind, actor_id, actor_role, created_at, finished_at';

export const toBulkEditDto = (r: BulkEditRow): BulkEditDto => ({
  id: r.id,
  kind: r.kind,
  status: r.status,
  total: r.total,
  done: r.done,
  error: r.error,
  patch: r.patch,
  created_at: r.created_at.toISOString(),
  finished_at: r.finished_at ? r.finished_at.toISOString() : null,
});

/**
 * Named SQL on bulk_edits. Every query names the organization: the api passes the caller's,
 * the worker the job's (it has no caller until it runs as the bulk edit's actor).
 */
@Injectable()
export class BulkEditsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(
    manager: EntityManager,
    row: { organizationId: string; kind: BulkEditKind; patch: BulkEditPatchDto; ids: string[]; actor: Principal; finished: boolean },
  ): Promise<BulkEditRow> {
    const [created] = await manager.query(
      `INSERT INTO bulk_edits (organization_id, id, kind, patch, record_ids, total, done, status, actor_kind, actor_id, actor_role, finished_at)
       VALUES ($1, $2, $3, $4, $5::uuid[], $6, $7, $8, $9, $10, $11, $12) RETURNING ${COLUMNS}`,
      [row.organizationId, uuidv7(), row.kind, JSON.stringify(row.patch), row.ids, row.ids.length, row.finished ? row.ids.length : 0, row.finished ? 'completed' : 'queued', row.actor.kind, row.actor.id, row.actor.role, row.finished ? new Date() : null],
    );
    return created;
  }

  async find(organizationId: string, id: string, manager?: EntityManager): Promise<BulkEditRow | null> {
    const rows: BulkEditRow[] = await (manager ?? this.dataSource.manager).query(`SELECT ${COLUMNS} FROM bulk_edits WHERE organization_id = $1 AND id = $2`, [organizationId, id]);
    return rows[0] ?? null;
  }

  /** queued (or running, a run that stopped) -> running; false when it already ended. */
  async start(organizationId: string, id: string): Promise<boolean> {
    const [, count] = await this.dataSource.manager.query(
      `UPDATE bulk_edits SET status = 'running', updated_at = now() WHERE organization_id = $1 AND id = $2 AND status IN ('queued', 'running')`,
      [organizationId, id],
    );
    return count > 0;
  }

  /** Moves the resume point past a batch, in the batch's own transaction (so it commits with it). */
  async advance(manager: EntityManager, organizationId: string, id: string, from: number, written: number): Promise<boolean> {
    const [, count] = await manager.query(
      `UPDATE bulk_edits SET done = done + $4, updated_at = now() WHERE organization_id = $1 AND id = $2 AND done = $3 AND status = 'running'`,
      [organizationId, id, from, written],
    );
    return count > 0;
  }

  async finish(organizationId: string, id: string, status: 'completed' | 'failed', error: string | null = null): Promise<void> {
    await this.dataSource.manager.query(
      `UPDATE bulk_edits SET status = $3, error = $4, finished_at = now(), updated_at = now() WHERE organization_id = $1 AND id = $2 AND status IN ('queued', 'running')`,
      [organizationId, id, status, error],
    );
  }

  /** Every bulk edit the worker has not finished (re-enqueued when it starts). */
  unfinished(): Promise<{ organization_id: string; id: string }[]> {
    return this.dataSource.manager.query(`SELECT organization_id, id FROM bulk_edits WHERE status IN ('queued', 'running') ORDER BY created_at LIMIT 1000`);
  }
}
