import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { EncryptedColumn, encryptedColumns } from './encrypted-columns.config';
import { EncryptedFields, RowIdentity } from './encrypted-fields.cipher';
import { FieldCipher } from './field.cipher';

export const KEY_ROTATION_CHUNK = 500;
const FIRST = ['00000000-0000-0000-0000-000000000000', '00000000-0000-0000-0000-000000000000'];

export interface EncryptedColumnStatus {
  table: string;
  column: string;
  /** Values not under the current key: encrypted with an older key, or not encrypted yet. */
  remaining: number;
  /** Of those, values still in plain text. */
  plaintext: number;
  /** Blind indexes missing or made with another key than the last listed one. */
  stale_indexes: number;
}

export interface KeyStatus {
  current_key_id: string;
  index_key_id: string;
  /** remaining + stale_indexes over every column: 0 means every key but the current and the index key may go. */
  remaining: number;
  columns: EncryptedColumnStatus[];
}

export interface KeyRotationResult {
  reencrypted: number;
  reindexed: number;
  /** Values that did not decrypt (logged); they stay as they are and keep `remaining` above 0. */
  failed: number;
  remaining: number;
}

interface Candidate {
  organization_id: string;
  id: string;
  value: string;
}

/**
 * Re-encrypts every registered column (encrypted-columns.config.ts) to the current key: values under
 * an older key and values never encrypted. Walks each table in keyset chunks of
 * (organization_id, id), one transaction per chunk; each row is written only if the value is
 * still the one read (compare guard), so a concurrent edit is never overwritten. Refreshes
 * blind indexes made with another key. Tables or columns missing at run time are skipped.
 */
@Injectable()
export class KeyRotationService {
  private readonly logger = new Logger('KeyRotation');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly fields: EncryptedFields,
  ) {}

  async run(chunk = KEY_ROTATION_CHUNK): Promise<KeyRotationResult> {
    const result: KeyRotationResult = { reencrypted: 0, reindexed: 0, failed: 0, remaining: 0 };
    for (const spec of await this.present()) {
      await this.walk(spec, chunk, this.rotationFilter(spec), true, result);
      if (spec.blindIndex) {
        const idx = spec.blindIndex.column;
        await this.walk(spec, chunk, `(t.${idx} IS NULL OR NOT starts_with(t.${idx}, '${this.fields.indexKeyId}:'))`, false, result);
      }
    }
    result.remaining = (await this.status()).remaining;
    this.logger.log(`Key rotation to "${this.fields.currentKeyId}": ${result.reencrypted} values re-encrypted, ${result.reindexed} blind indexes refreshed, ${result.failed} undecryptable, ${result.remaining} remaining`);
    return result;
  }

  async status(): Promise<KeyStatus> {
    const columns: EncryptedColumnStatus[] = [];
    for (const spec of await this.present()) {
      const current = `enc:v1:${this.fields.currentKeyId}:`;
      const scope = spec.onlyWhen ? `AND t.${spec.onlyWhen}` : '';
      // Without a blind index, $2 is still named (PostgreSQL refuses unused parameters) and never null.
      const index = spec.blindIndex ? `(t.${spec.blindIndex.column} IS NULL OR NOT starts_with(t.${spec.blindIndex.column}, $2))` : '$2::text IS NULL';
      const [row]: { remaining: string; plaintext: string; stale: string }[] = await this.dataSource.query(
        `SELECT count(*) FILTER (WHERE NOT starts_with(t.${spec.column}, $1)) AS remaining,
                count(*) FILTER (WHERE NOT starts_with(t.${spec.column}, 'enc:v1:')) AS plaintext,
                count(*) FILTER (WHERE ${index}) AS stale
           FROM ${spec.table} t WHERE t.${spec.column} IS NOT NULL ${scope}`,
        [current, `${this.fields.indexKeyId}:`],
      );
      columns.push({ table: spec.table, column: spec.column, remaining: Number(row.remaining), plaintext: Number(row.plaintext), stale_indexes: Number(row.stale) });
    }
    const remaining = columns.reduce((n, c) => n + c.remaining + c.stale_indexes, 0);
    return { current_key_id: this.fields.currentKeyId, index_key_id: this.fields.indexKeyId, remaining, columns };
  }

  /** The registered columns whose table and column (and flag and index columns) exist in this database. */
  private async present(): Promise<EncryptedColumn[]> {
    const rows: { name: string }[] = await this.dataSource.query(
      `SELECT table_name || '.' || column_name AS name FROM information_schema.columns WHERE table_schema = current_schema()`,
    );
    const names = new Set(rows.map((r) => r.name));
    return encryptedColumns().filter((c) => [c.column, c.onlyWhen, c.blindIndex?.column, 'organization_id', 'id'].every((col) => !col || names.has(`${c.table}.${col}`)));
  }

  private rotationFilter(spec: EncryptedColumn): string {
    return `NOT starts_with(t.${spec.column}, 'enc:v1:${this.fields.currentKeyId}:')`;
  }

  /**
   * Chunks of rows matching `filter`, each rewritten in its own transaction: the value encrypted
   * again under the current key (`reencrypt`, else kept) and its blind index, only where the
   * value is still the one read; rows changed meanwhile are left to their writer.
   */
  private async walk(spec: EncryptedColumn, chunk: number, filter: string, reencrypt: boolean, result: KeyRotationResult): Promise<void> {
    let after = FIRST;
    const scope = spec.onlyWhen ? `AND t.${spec.onlyWhen}` : '';
    for (;;) {
      const rows: Candidate[] = await this.dataSource.query(
        `SELECT t.organization_id, t.id, t.${spec.column} AS value FROM ${spec.table} t
          WHERE (t.organization_id, t.id) > ($1::uuid, $2::uuid) AND t.${spec.column} IS NOT NULL ${scope} AND ${filter}
          ORDER BY t.organization_id, t.id LIMIT $3`,
        [...after, chunk],
      );
      if (rows.length === 0) return;
      after = [rows[rows.length - 1].organization_id, rows[rows.length - 1].id];
      const updates: { organization_id: string; id: string; old: string; value: string; hash: string | null }[] = [];
      for (const row of rows) {
        const plain = this.plainOf(spec, row);
        if (plain === null) {
          result.failed++;
          continue;
        }
        const identity: RowIdentity = { organizationId: row.organization_id, id: row.id };
        const value = reencrypt ? this.fields.encryptValue(spec, identity, plain) : row.value;
        updates.push({ organization_id: row.organization_id, id: row.id, old: row.value, value, hash: spec.blindIndex ? this.fields.blindIndex(spec, row.organization_id, plain) : null });
      }
      const written = updates.length > 0 ? await this.write(spec, updates) : 0;
      if (reencrypt) result.reencrypted += written;
      else result.reindexed += written;
      if (rows.length < chunk) return;
    }
  }

  private plainOf(spec: EncryptedColumn, row: Candidate): string | null {
    if (!FieldCipher.isCiphertext(row.value)) return row.value;
    try {
      return this.fields.decryptValue(spec, { organizationId: row.organization_id, id: row.id }, row.value);
    } catch {
      return null;
    }
  }

  /** The rows written (those whose value was still the one read). */
  private async write(spec: EncryptedColumn, updates: { organization_id: string; id: string; old: string; value: string; hash: string | null }[]): Promise<number> {
    const setIndex = spec.blindIndex ? `, ${spec.blindIndex.column} = r.hash` : '';
    return this.dataSource.transaction(async (manager) => {
      // TypeORM answers an UPDATE with [rows, affected].
      const [, affected]: [unknown[], number] = await manager.query(
        `UPDATE ${spec.table} t SET ${spec.column} = r.value${setIndex}
           FROM jsonb_to_recordset($1::jsonb) AS r(organization_id uuid, id uuid, old text, value text, hash text)
          WHERE t.organization_id = r.organization_id AND t.id = r.id AND t.${spec.column} = r.old`,
        [JSON.stringify(updates)],
      );
      return affected;
    });
  }
}
