import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CursorPosition, RequestContext } from '@clockwork/server-core';
import { AuditLog } from '@clockwork/shared-entities';
import { DataSource } from 'typeorm';

export interface AuditLogFilter {
  objectType?: string;
  objectId?: string;
  actorId?: string;
  action?: string;
}

/** Named queries over the audit log, always of the caller's organization. */
@Injectable()
export class AuditLogsRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly context: RequestContext,
  ) {}

  /** Newest first, keyset on (created_at, id) descending. */
  listPage(filter: AuditLogFilter, limit: number, after: CursorPosition | null): Promise<AuditLog[]> {
    const q = this.dataSource
      .getRepository(AuditLog)
      .createQueryBuilder('a')
      .where('a.organization_id = :org', { org: this.context.organizationId })
      .orderBy('a.created_at', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .limit(limit);
    if (filter.objectType) q.andWhere('a.object_type = :objectType', { objectType: filter.objectType });
    if (filter.objectId) q.andWhere('a.object_id = :objectId', { objectId: filter.objectId });
    if (filter.actorId) q.andWhere('a.actor_id = :actorId', { actorId: filter.actorId });
    if (filter.action) q.andWhere('a.action = :action', { action: filter.action });
    if (after) q.andWhere('(a.created_at, a.id) < (:value::timestamptz, :id::uuid)', { value: after.value, id: after.id });
    return q.getMany();
  }
}
