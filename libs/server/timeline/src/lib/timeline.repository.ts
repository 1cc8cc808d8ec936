import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CursorPosition, EncryptedFields, FieldCipher, RequestContext } from '@clockwork/server-core';
import { DataSource } from 'typeorm';
import type { TimelineBranch } from './timeline-source.types';

export interface TimelineRow {
  type: string;
  at: Date;
  id: string;
  summary: string;
  data: Record<string, unknown>;
}

const SUBJECT_TABLES = { account: ['accounts', 'Account'], contact: ['contacts', 'Contact'] } as const;
export type TimelineSubject = keyof typeof SUBJECT_TABLES;

/** An identifier fit to be spliced into SQL as the item type literal. */
const TYPE = /^[a-z_]+$/;

/**
 * Timelines as one UNION ALL query. Each branch reads its newest rows after the cursor through
 * its own (organization_id, parent, created_at, id)-style index with its own LIMIT, so a page
 * costs about `limit` rows per branch however long the history is.
 */
@Injectable()
export class TimelineRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly context: RequestContext,
    private readonly fields: EncryptedFields,
  ) {}

  /** 404 unless the account or contact exists in the caller's organization. */
  async assertSubject(subject: TimelineSubject, id: string): Promise<void> {
    const [table, label] = SUBJECT_TABLES[subject];
    const rows = await this.dataSource.query(`SELECT 1 FROM ${table} WHERE organization_id = $1 AND id = $2`, [this.context.organizationId, id]);
    if (rows.length === 0) throw new NotFoundException(`${label} not found`);
  }

  /** Up to `limit` items newest first, strictly after `after` in (at, id) order. */
  async page(branches: TimelineBranch[], subjectId: string, viewer: { id: string; isAdmin: boolean }, after: CursorPosition | null, limit: number): Promise<TimelineRow[]> {
    if (branches.length === 0) return [];
    const params: unknown[] = [this.context.organizationId, subjectId, viewer.id, viewer.isAdmin, limit];
    if (after) params.push(after.value, after.id);
    // `bound` names every parameter once with its type, whichever of them the branches use.
    const sql = `SELECT type, at, id, summary, data
      FROM (${branches.map((b) => `(${branchSql(b, after !== null)})`).join('\nUNION ALL\n')}) items,
        (SELECT $1::uuid, $2::uuid, $3::uuid, $4::boolean${after ? ', $6::timestamptz, $7::uuid' : ''}) bound
      ORDER BY at DESC, id DESC LIMIT $5`;
    const rows: TimelineRow[] = await this.dataSource.query(sql, params);
    return rows.map((row) => this.decryptNote(row));
  }

  /** A private note's text is encrypted at rest: its summary and body are decrypted here. */
  private decryptNote(row: TimelineRow): TimelineRow {
    const body = row.data['body'];
    if (row.type !== 'note' || typeof body !== 'string' || !FieldCipher.isCiphertext(body)) return row;
    const plain = this.fields.decryptRow('notes', { organization_id: this.context.organizationId, id: row.id, body }).body;
    return { ...row, summary: [...plain].slice(0, 200).join(''), data: { ...row.data, body: plain } };
  }
}

/** One branch: organization filter, keyset ($6 at, $7 id) and its own order and limit ($5). */
export function branchSql(b: TimelineBranch, keyset: boolean): string {
  if (!TYPE.test(b.type)) throw new Error(`Timeline item type ${b.type} is not an identifier`);
  const where = [`${b.organizationColumn} = $1`, ...b.where.map((w) => `(${w})`)];
  if (keyset) where.push(`(${b.at}, ${b.id}) < ($6::timestamptz, $7::uuid)`);
  return `SELECT '${b.type}'::text AS type, ${b.at} AS at, ${b.id} AS id, (${b.summary})::text AS summary, (${b.data})::jsonb AS data
    ${b.from}
    WHERE ${where.join(' AND ')}
    ORDER BY ${b.at} DESC, ${b.id} DESC
    LIMIT $5`;
}
