import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { listPage, RequestContext, SortFields, TenantRepository, whereEquals } from '@clockwork/server-core';
import type { ImportQueryDto, ImportSummaryDto } from '@clockwork/shared-dto';
import { ImportJob } from '@clockwork/shared-entities';
import { DataSource, EntityManager } from 'typeorm';

/** The indexed order of an import list (imports_created_idx leads with organization_id). */
export const IMPORT_SORTS: SortFields<ImportJob> = {
  created_at: { column: 'created_at', cast: 'timestamptz', property: 'createdAt' },
};

@Injectable()
export class ImportsRepository extends TenantRepository<ImportJob> {
  constructor(@InjectDataSource() dataSource: DataSource, context: RequestContext) {
    super(dataSource, context, ImportJob, 'Import');
  }

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** One page of the organization's imports, newest first by default. */
  listPage(query: ImportQueryDto, map: (i: ImportJob) => ImportSummaryDto) {
    const qb = this.scoped('i');
    whereEquals(qb, 'i', { status: query.status, kind: query.kind });
    return listPage(qb, 'i', query, IMPORT_SORTS, 'created_at:desc', map);
  }
}
