import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';

/** The largest piece of an uploaded file kept in one import_chunks row. */
export const IMPORT_CHUNK_BYTES = 1024 * 1024;

/**
 * The bytes of an import's CSV, in PostgreSQL: api and worker need not share a filesystem.
 * Written in the transaction that creates the import, read one chunk at a time, deleted when
 * the import finishes.
 */
@Injectable()
export class ImportChunksRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(m: EntityManager, organizationId: string, importId: string, seq: number, data: Buffer): Promise<void> {
    await m.query(`INSERT INTO import_chunks (organization_id, id, import_id, seq, data) VALUES ($1, $2, $3, $4, $5)`, [organizationId, uuidv7(), importId, seq, data]);
  }

  async read(organizationId: string, importId: string, seq: number): Promise<Buffer | null> {
    const rows: { data: Buffer }[] = await this.dataSource.query(`SELECT data FROM import_chunks WHERE organization_id = $1 AND import_id = $2 AND seq = $3`, [organizationId, importId, seq]);
    return rows[0]?.data ?? null;
  }

  /** The file, chunk by chunk: only one chunk is held at a time. */
  async *stream(organizationId: string, importId: string): AsyncGenerator<Buffer> {
    for (let seq = 0; ; seq++) {
      const data = await this.read(organizationId, importId, seq);
      if (!data) return;
      yield data;
    }
  }

  async deleteAll(m: EntityManager, organizationId: string, importId: string): Promise<void> {
    await m.query(`DELETE FROM import_chunks WHERE organization_id = $1 AND import_id = $2`, [organizationId, importId]);
  }
}
