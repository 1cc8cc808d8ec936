import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { RequestContext, TenantRepository } from '@clockwork/server-core';
import { PARENT_SQL_COLUMN } from '@clockwork/server-notes';
import type { AttachmentDto, AttachmentQueryDto } from '@clockwork/shared-dto';
import { Attachment } from '@clockwork/shared-entities';
import { DataSource } from 'typeorm';

@Injectable()
export class AttachmentsRepository extends TenantRepository<Attachment> {
  constructor(@InjectDataSource() dataSource: DataSource, context: RequestContext) {
    super(dataSource, context, Attachment, 'Attachment');
  }

  /** One page of the attachments of one record, newest first by default (creation order only: the per-parent index is (organization_id, <parent>_id, created_at, id)). */
  listForParent(query: AttachmentQueryDto, map: (a: Attachment) => AttachmentDto) {
    return this.page('a', query, map, { filter: (qb) => qb.andWhere(`a.${PARENT_SQL_COLUMN[query.parent_type]} = :parentId`, { parentId: query.parent_id }) });
  }
}
