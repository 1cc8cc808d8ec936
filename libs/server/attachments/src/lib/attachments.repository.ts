import { Injectable } from '@nestjs/common';
import { TenantRepository } from '@clockwork/server-core';
import { PARENT_SQL_COLUMN } from '@clockwork/server-notes';
import type { AttachmentDto, AttachmentQueryDto } from '@clockwork/shared-dto';
import { Attachment } from '@clockwork/shared-entities';

@Injectable()
export class AttachmentsRepository extends TenantRepository<Attachment> {
  constructor() {
    super(Attachment, 'Attachment');
  }

  /** One page of the attachments of one record, newest first by default (creation order only: the per-parent index is (organization_id, <parent>_id, created_at, id)). */
  listForParent(query: AttachmentQueryDto, map: (a: Attachment) => AttachmentDto) {
    return this.page('a', query, map, { filter: (qb) => qb.andWhere(`a.${PARENT_SQL_COLUMN[query.parent_type]} = :parentId`, { parentId: query.parent_id }) });
  }
}
