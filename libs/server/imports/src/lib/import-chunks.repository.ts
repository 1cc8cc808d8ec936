import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { FieldCipher, fieldAad } from '@clockwork/server-core';
import { DataSource, EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';

/** The largest piece of an uploaded file kept in one import_chunks row (before encryption). */
export const IMPORT_CHUNK_BYTES = 1024 * 1024;

const aad = (organizationId: string, id: string) => fieldAad('import_chunks', organizationId, id, 'data');

/**
 * The bytes of an import's CSV, in PostgreSQL: api and worker need not share a filesystem.
 * Each chunk is stored encrypted (FieldCipher, AES-256-GCM bound to its row), written in the
 * transaction that creates the import, read one chunk at a time, and deleted when the import
 * ends, whatever the end (completed, failed). Chunks written before encryption are read as they are.
 */
@Injectable()
export class ImportChunksRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cipher: FieldCipher,
  ) {}

  async insert(m: EntityManager, organizationId: string, importId: string, seq: number, data: Buffer): Promise<void> {
    const id = uuidv7();
    await m.query(`INSERT INTO import_chunks (organization_id, id, import_id, seq, data) VALUES ($1, $2, $3, $4, $5)`, [
      organizationId,
      id,
      importId,
      seq,
      this.cipher.encryptBytes(data, aad(organizationId, id)),
    ]);
  }

  async read(organizationId: string, importId: string, seq: number): Promise<Buffer | null> {
    const rows: { id: string; data: Buffer }[] = await this.dataSource.query(`SELECT id, data FROM import_chunks WHERE organization_id = $1 AND import_id = $2 AND seq = $3`, [
      organizationId,
      importId,
      seq,
    ]);
    const row = rows[0];
    if (!row) return null;
    return FieldCipher.isCiphertextBytes(row.data) ? this.cipher.decryptBytes(row.data, aad(organizationId, row.id)) : row.data;
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
