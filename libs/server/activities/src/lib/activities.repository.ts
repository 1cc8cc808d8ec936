import { Injectable } from '@nestjs/common';
import { listPage, SortFields, TenantRepository } from '@clockwork/server-core';
import type { ActivityDto, ActivityQueryDto, ActivityReportGroup, ActivityReportRowDto } from '@clockwork/shared-dto';
import { Activity, ParentType } from '@clockwork/shared-entities';
import { EntityManager } from 'typeorm';

export const ACTIVITY_SORTS: SortFields<Activity> = {
  occurred_at: { column: 'occurred_at', cast: 'timestamptz', property: 'occurredAt' },
};

const GROUP_COLUMN: Record<ActivityReportGroup, string> = { user: 'owner_id::text', type: 'type', outcome: 'outcome' };

@Injectable()
export class ActivitiesRepository extends TenantRepository<Activity> {
  constructor() {
    super(Activity, 'Activity');
  }

  /** One page of activities, newest first; `hidden`: parent types the caller may not read (those activities are left out). */
  list(query: ActivityQueryDto, hidden: ParentType[], map: (a: Activity) => ActivityDto) {
    const qb = this.scoped('a');
    if (query.account_id) qb.andWhere('a.account_id = :accountId', { accountId: query.account_id });
    if (query.contact_id) qb.andWhere('a.contact_id = :contactId', { contactId: query.contact_id });
    if (query.deal_id) qb.andWhere('a.deal_id = :dealId', { dealId: query.deal_id });
    if (query.type) qb.andWhere('a.type = :type', { type: query.type });
    if (query.from) qb.andWhere('a.occurred_at >= :from', { from: query.from });
    if (query.to) qb.andWhere('a.occurred_at < :to', { to: query.to });
    for (const type of hidden) qb.andWhere(`a.${type}_id IS NULL`);
    return listPage(qb, 'a', query, ACTIVITY_SORTS, 'occurred_at:desc', map);
  }

  /** Whether a user of the caller's organization has this id. */
  async userExists(id: string, manager: EntityManager): Promise<boolean> {
    const rows = await manager.query('SELECT 1 FROM users WHERE organization_id = $1 AND id = $2', [this.organizationId, id]);
    return rows.length > 0;
  }

  /** Counts and total minutes per user, type or outcome in [from, to), most activities first. */
  async report(group: ActivityReportGroup, from: string | undefined, to: string | undefined): Promise<ActivityReportRowDto[]> {
    const column = GROUP_COLUMN[group];
    const rows: Array<{ key: string | null; count: number; total: number }> = await this.dataSource.query(
      `SELECT ${column} AS key, count(*)::int AS count, coalesce(sum(duration_minutes), 0)::int AS total
         FROM activities
        WHERE organization_id = $1 AND ($2::timestamptz IS NULL OR occurred_at >= $2) AND ($3::timestamptz IS NULL OR occurred_at < $3)
        GROUP BY 1 ORDER BY count(*) DESC, 1 NULLS LAST`,
      [this.organizationId, from ?? null, to ?? null],
    );
    return rows.map((r) => ({ key: r.key, count: r.count, total_duration_minutes: r.total }));
  }
}
