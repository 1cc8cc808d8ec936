import { Injectable, NotFoundException } from '@nestjs/common';
import { TenantRepository } from '@clockwork/server-core';
import { ReportSchedule } from '@clockwork/shared-entities';
import { EntityManager } from 'typeorm';

/** Report schedules of the caller's organization; a non-admin sees only its own. */
@Injectable()
export class ReportSchedulesRepository extends TenantRepository<ReportSchedule> {
  constructor() {
    super(ReportSchedule, 'Report schedule');
  }

  /** Admins: every schedule; others: their own. */
  private get ownerFilter(): string | null {
    const p = this.context.principal;
    return p?.role === 'admin' ? null : (p?.id ?? '');
  }

  list(): Promise<ReportSchedule[]> {
    const qb = this.scoped('s').orderBy('s.created_at', 'ASC').addOrderBy('s.id', 'ASC').limit(1000);
    const owner = this.ownerFilter;
    return (owner === null ? qb : qb.andWhere('s.user_id = :owner', { owner })).getMany();
  }

  /** The schedule if the caller may see it (404 otherwise, like another organization's). */
  async visible(id: string, manager?: EntityManager, lock = false): Promise<ReportSchedule> {
    const row = lock && manager ? await this.lockById(manager, id).catch(() => null) : await this.findById(id, manager);
    const owner = this.ownerFilter;
    if (!row || (owner !== null && row.userId !== owner)) throw new NotFoundException('Report schedule not found');
    return row;
  }
}
