import { Injectable } from '@nestjs/common';
import { EncryptedFields, TenantRepository } from '@clockwork/server-core';
import type { NoteDto, NoteQueryDto } from '@clockwork/shared-dto';
import { Note } from '@clockwork/shared-entities';
import { EntityManager, SelectQueryBuilder } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { PARENT_SQL_COLUMN } from './parent-records.service';

/** Who is reading: admins see every note; others private notes only of their own (`viewerId`). */
export interface NoteViewer {
  admin: boolean;
  viewerId: string | null;
}

@Injectable()
export class NotesRepository extends TenantRepository<Note> {
  constructor(private readonly fields: EncryptedFields) {
    super(Note, 'Note');
  }

  /**
   * A private note's text is encrypted (bound to this row): written encrypted while the note is
   * private, and written again in plain (or encrypted) when `is_private` changes.
   */
  override async updateById(manager: EntityManager, id: string, values: QueryDeepPartialEntity<Note>): Promise<Note> {
    const current = await this.getById(id, manager);
    return super.updateById(manager, id, this.fields.forUpdate(manager.connection.getMetadata(Note), { organizationId: this.organizationId, id }, values, current));
  }

  /**
   * One page of the notes of one record that the viewer may see, newest first by default (in
   * creation order only: the per-parent index is (organization_id, <parent>_id, created_at, id)).
   */
  listForParent(query: NoteQueryDto, viewer: NoteViewer, map: (n: Note) => NoteDto) {
    const filter = (qb: SelectQueryBuilder<Note>) => {
      qb.andWhere(`n.${PARENT_SQL_COLUMN[query.parent_type]} = :parentId`, { parentId: query.parent_id });
      if (viewer.admin) return;
      if (viewer.viewerId) qb.andWhere('(n.is_private = false OR n.author_id = :viewerId)', { viewerId: viewer.viewerId });
      else qb.andWhere('n.is_private = false');
    };
    return this.page('n', query, map, { filter });
  }
}
