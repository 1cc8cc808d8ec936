import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

export interface QueuedFileDeletion {
  organization_id: string;
  id: string;
  storage_key: string;
  created_at: Date;
  /** A live attachment row still names this key: the file is kept, only the queue row goes. */
  in_use: boolean;
}

/**
 * The queue of stored files to remove (stored_file_deletions), filled by a trigger whenever an
 * attachment row is deleted, so only by a committed delete. Rows are claimed with SKIP LOCKED:
 * two workers never remove the same file at once.
 */
@Injectable()
export class StoredFileDeletionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** Up to `limit` queued rows (of one organization, or of all) after `after`, oldest first, locked for this transaction. */
  claim(m: EntityManager, organizationId: string | null, limit: number, after: { at: Date; id: string } | null): Promise<QueuedFileDeletion[]> {
    return m.query(
      `SELECT d.organization_id, d.id, d.storage_key, d.created_at,
              EXISTS (SELECT 1 FROM attachments a WHERE a.organization_id = d.organization_id AND a.storage_key = d.storage_key) AS in_use
         FROM stored_file_deletions d
        WHERE ($1::uuid IS NULL OR d.organization_id = $1) AND ($3::timestamptz IS NULL OR (d.created_at, d.id) > ($3::timestamptz, $4::uuid))
        ORDER BY d.created_at, d.id LIMIT $2 FOR UPDATE OF d SKIP LOCKED`,
      [organizationId, limit, after?.at ?? null, after?.id ?? null],
    );
  }

  async done(m: EntityManager, organizationId: string, id: string): Promise<void> {
    await m.query(`DELETE FROM stored_file_deletions WHERE organization_id = $1 AND id = $2`, [organizationId, id]);
  }

  async failed(m: EntityManager, organizationId: string, id: string, error: string): Promise<void> {
    await m.query(`UPDATE stored_file_deletions SET attempts = attempts + 1, last_error = left($3, 500) WHERE organization_id = $1 AND id = $2`, [organizationId, id, error]);
  }

  /** After a path removed the file itself (an attachment's delete, an erasure): the queued removal is moot. */
  async forget(organizationId: string, storageKeys: string[]): Promise<void> {
    if (storageKeys.length === 0) return;
    await this.dataSource.query(`DELETE FROM stored_file_deletions WHERE organization_id = $1 AND storage_key = ANY($2::text[])`, [organizationId, storageKeys]);
  }
}
