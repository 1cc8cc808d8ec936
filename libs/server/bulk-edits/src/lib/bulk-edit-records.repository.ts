import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { RequestContext } from '@clockwork/server-core';
import type { BulkEditKind } from '@clockwork/shared-dto';
import { DataSource, EntityManager } from 'typeorm';

/** What a bulk edit checks before writing: who may change the record, and a contact's tags. */
export interface BulkEditRecord {
  id: string;
  /** The ownership rule's people: the owner, or a task's assignee and creator. */
  owners: (string | null)[];
  tags: string[];
}

/** Each kind's table and the columns of its ownership rule (the same as its service's assertMayModify). */
const TABLES: Record<BulkEditKind, { table: string; owners: string; tags: string }> = {
  accounts: { table: 'accounts', owners: 'ARRAY[owner_id]', tags: "'{}'::text[]" },
  contacts: { table: 'contacts', owners: 'ARRAY[owner_id]', tags: 'tags' },
  deals: { table: 'deals', owners: 'ARRAY[owner_id]', tags: "'{}'::text[]" },
  tasks: { table: 'tasks', owners: 'ARRAY[assigned_to, created_by]', tags: "'{}'::text[]" },
};

/** Named reads of the selected records of the caller's organization (in id order). */
@Injectable()
export class BulkEditRecordsRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly context: RequestContext,
  ) {}

  /** The records of these ids that exist in the organization; `lock`: FOR UPDATE, in the batch's transaction. */
  async find(kind: BulkEditKind, ids: string[], manager?: EntityManager, lock = false): Promise<BulkEditRecord[]> {
    if (ids.length === 0) return [];
    const t = TABLES[kind];
    const rows: { id: string; owners: (string | null)[]; tags: string[] }[] = await (manager ?? this.dataSource.manager).query(
      `SELECT id, ${t.owners}::uuid[] AS owners, ${t.tags} AS tags FROM ${t.table}
        WHERE organization_id = $1 AND id = ANY($2::uuid[]) ORDER BY id${lock ? ' FOR UPDATE' : ''}`,
      [this.context.organizationId, ids],
    );
    return rows.map((r) => ({ id: r.id, owners: r.owners, tags: r.tags ?? [] }));
  }
}
