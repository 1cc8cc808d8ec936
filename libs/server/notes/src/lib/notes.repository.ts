import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { listPage, RequestContext, SortFields, TenantRepository } from '@clockwork/server-core';
import type { NoteDto, NoteQueryDto } from '@clockwork/shared-dto';
import { Note } from '@clockwork/shared-entities';
import { DataSource } from 'typeorm';
import { PARENT_SQL_COLUMN } from './parent-records.service';

/** Notes list in creation order only: the per-parent index is (organization_id, <parent>_id, created_at, id). */
export const NOTE_SORTS: SortFields<Note> = {
  created_at: { column: 'created_at', cast: 'timestamptz', property: 'createdAt' },
};

/** Who is reading: admins see every note; others private notes only of their own (`viewerId`). */
export interface NoteViewer {
  admin: boolean;
  viewerId: string | null;
}

@Injectable()
export class NotesRepository extends TenantRepository<Note> {
  constructor(@InjectDataSource() dataSource: DataSource, context: RequestContext) {
    super(dataSource, context, Note, 'Note');
  }

  /** One page of the notes of one record that the viewer may see, newest first by default. */
  listForParent(query: NoteQueryDto, viewer: NoteViewer, map: (n: Note) => NoteDto) {
    const qb = this.scoped('n').andWhere(`n.${PARENT_SQL_COLUMN[query.parent_type]} = :parentId`, { parentId: query.parent_id });
    if (!viewer.admin) {
      if (viewer.viewerId) qb.andWhere('(n.is_private = false OR n.author_id = :viewerId)', { viewerId: viewer.viewerId });
      else qb.andWhere('n.is_private = false');
    }
    return listPage(qb, 'n', query, NOTE_SORTS, 'created_at:desc', map);
  }
}
