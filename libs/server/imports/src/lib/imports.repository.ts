import { Injectable } from '@nestjs/common';
import { TenantRepository, whereEquals } from '@clockwork/server-core';
import type { ImportQueryDto, ImportSummaryDto } from '@clockwork/shared-dto';
import { ImportJob } from '@clockwork/shared-entities';

@Injectable()
export class ImportsRepository extends TenantRepository<ImportJob> {
  constructor() {
    super(ImportJob, 'Import');
  }

  /** One page of the organization's imports, newest first by default (imports_created_idx leads with organization_id). */
  listPage(query: ImportQueryDto, map: (i: ImportJob) => ImportSummaryDto) {
    return this.page('i', query, map, { filter: (qb) => whereEquals(qb, 'i', { status: query.status, kind: query.kind }) });
  }
}
