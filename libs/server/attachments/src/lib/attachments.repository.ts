import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { listPage, RequestContext, SortFields, TenantRepository } from '@clockwork/server-core';
import { PARENT_SQL_COLUMN } from '@clockwork/server-notes';
import type { AttachmentDto, AttachmentQueryDto } from '@clockwork/shared-dto';
import { Attachment } from '@clockwork/shared-entities';
import { DataSource } from 'typeorm';

/** Creation order only: the per-parent index is (organization_id, <parent>_id, created_at, id). */
export const ATTACHMENT_SORTS: SortFields<Attachment> = {
  created_at: { column: 'created_at', cast: 'timestamptz', property: 'createdAt' },
};

@Injectable()
export class AttachmentsRepository extends TenantRepository<Attachment> {
  constructor(@InjectDataSource() dataSource: DataSource, context: RequestContext) {
    super(dataSource, context, Attachment, 'Attachment');
  }

  /** One page of the attachments of one record, newest first by default. */
  listForParent(query: AttachmentQueryDto, map: (a: Attachment) => AttachmentDto) {
    const qb = this.scoped('a').andWhere(`a.${PARENT_SQL_COLUMN[query.parent_type]} = :parentId`, { parentId: query.parent_id });
    return listPage(qb, 'a', query, ATTACHMENT_SORTS, 'created_at:desc', map);
  }
}
