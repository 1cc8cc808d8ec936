import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ImportRowError } from '@clockwork/shared-entities';
import { ImportJob } from '@clockwork/shared-entities';
import { DataSource, EntityManager } from 'typeorm';

export interface BatchProgress {
  /** Records handled after this batch (the resume point). */
  processedRows: number;
  created: number;
  updated: number;
  errors: number;
  /** Row errors to keep (the caller keeps the list within its cap). */
  newErrors: ImportRowError[];
}

export interface LockedImport {
  status: ImportJob['status'];
  processed_rows: number;
  stored_errors: number;
}

/** The worker's named queries over `imports` (no request context: each takes the organization). */
@Injectable()
export class ImportJobsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  find(organizationId: string, id: string): Promise<ImportJob | null> {
    return this.dataSource.getRepository(ImportJob).findOneBy({ organizationId, id });
  }

  /** pending -> running (a resumed import stays running); false when it already finished. */
  async start(organizationId: string, id: string): Promise<boolean> {
    const [rows] = await this.dataSource.query(
      `UPDATE imports SET status = 'running', started_at = coalesce(started_at, now()), updated_at = now()
        WHERE organization_id = $1 AND id = $2 AND status IN ('pending', 'running') RETURNING id`,
      [organizationId, id],
    );
    return (rows as unknown[]).length === 1;
  }

  async setTotal(organizationId: string, id: string, total: number): Promise<void> {
    await this.dataSource.query(`UPDATE imports SET total_rows = $3, updated_at = now() WHERE organization_id = $1 AND id = $2 AND status = 'running'`, [organizationId, id, total]);
  }

  /** Locks the import for a batch: the batch commits only if nobody moved the resume point meanwhile. */
  async lock(m: EntityManager, organizationId: string, id: string): Promise<LockedImport | null> {
    const rows: LockedImport[] = await m.query(
      `SELECT status, processed_rows, jsonb_array_length(errors) AS stored_errors FROM imports WHERE organization_id = $1 AND id = $2 FOR UPDATE`,
      [organizationId, id],
    );
    return rows[0] ?? null;
  }

  async recordProgress(m: EntityManager, organizationId: string, id: string, p: BatchProgress): Promise<void> {
    await m.query(
      `UPDATE imports SET processed_rows = $3, created_count = created_count + $4, updated_count = updated_count + $5,
              error_count = error_count + $6, errors = errors || $7::jsonb, updated_at = now()
        WHERE organization_id = $1 AND id = $2`,
      [organizationId, id, p.processedRows, p.created, p.updated, p.errors, JSON.stringify(p.newErrors)],
    );
  }

  /** running -> completed; the total becomes the exact count of records handled. */
  async complete(m: EntityManager, organizationId: string, id: string): Promise<void> {
    await m.query(
      `UPDATE imports SET status = 'completed', total_rows = processed_rows, finished_at = now(), updated_at = now()
        WHERE organization_id = $1 AND id = $2 AND status = 'running'`,
      [organizationId, id],
    );
  }

  /** pending|running -> failed with the reason; what was imported before stays. */
  async fail(m: EntityManager, organizationId: string, id: string, failure: string): Promise<void> {
    await m.query(
      `UPDATE imports SET status = 'failed', failure = $3, finished_at = now(), updated_at = now()
        WHERE organization_id = $1 AND id = $2 AND status IN ('pending', 'running')`,
      [organizationId, id, failure],
    );
  }

  /** Imports not finished yet, oldest first (their jobs are enqueued again when a worker starts). */
  unfinished(limit = 1000): Promise<{ organization_id: string; id: string }[]> {
    return this.dataSource.query(`SELECT organization_id, id FROM imports WHERE status IN ('pending', 'running') ORDER BY created_at LIMIT $1`, [limit]);
  }
}
