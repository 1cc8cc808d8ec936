import { Injectable } from '@nestjs/common';
import { listPage, SortFields, TenantRepository } from '@clockwork/server-core';
import type { TimesheetDealHoursDto, TimesheetQueryDto } from '@clockwork/shared-dto';
import { Timesheet } from '@clockwork/shared-entities';
import { EntityManager } from 'typeorm';

const TIMESHEET_SORTS: SortFields<Timesheet> = {
  period_start: { column: 'period_start', cast: 'date', property: 'periodStart' },
};

/** A timesheet's figures: its person's name and the seconds of its period, in total and per deal. */
export interface TimesheetFigures {
  userName: string | null;
  totalSeconds: number;
  byDeal: TimesheetDealHoursDto[];
}

/** One cell of a period grid: a deal and task's seconds on one day. */
export interface GridCell {
  deal_id: string | null;
  deal_name: string | null;
  task_id: string | null;
  task_title: string | null;
  day: string;
  seconds: number;
}

/** Entries of a person's period: start_time's UTC day within [start, end). */
const IN_PERIOD = `e.organization_id = $1 AND e.user_id = $2 AND e.start_time >= ($3::date)::timestamp AT TIME ZONE 'UTC' AND e.start_time < ($4::date)::timestamp AT TIME ZONE 'UTC'`;

@Injectable()
export class TimesheetsRepository extends TenantRepository<Timesheet> {
  constructor() {
    super(Timesheet, 'Timesheet');
  }

  /** `only`: just this user's timesheets (null: none), for callers who see only their own. */
  listPage(query: TimesheetQueryDto, only?: { userId: string | null }) {
    const qb = this.scoped('t');
    if (only) qb.andWhere(only.userId === null ? 'false' : 't.user_id = :self', { self: only.userId });
    if (query.status) qb.andWhere('t.status = :status', { status: query.status });
    if (query.user_id) qb.andWhere('t.user_id = :user', { user: query.user_id });
    return listPage(qb, 't', query, TIMESHEET_SORTS, 'period_start:desc', (t) => t);
  }

  findByPeriod(userId: string, start: string): Promise<Timesheet | null> {
    return this.repository().findOne({ where: { organizationId: this.organizationId, userId, periodStart: start } });
  }

  /** The person's timesheet starting on `start`, locked for the transaction. */
  async lockByPeriod(manager: EntityManager, userId: string, start: string): Promise<Timesheet | null> {
    return manager
      .getRepository(Timesheet)
      .createQueryBuilder('t')
      .setLock('pessimistic_write')
      .where('t.organization_id = :org AND t.user_id = :user AND t.period_start = :start', { org: this.organizationId, user: userId, start })
      .getOne();
  }

  /** Another submitted or approved timesheet of the person whose period overlaps [start, end) (after a change of period setting). */
  async overlapping(manager: EntityManager, userId: string, start: string, end: string): Promise<Timesheet | null> {
    return manager
      .getRepository(Timesheet)
      .createQueryBuilder('t')
      .where('t.organization_id = :org AND t.user_id = :user AND t.period_start <> :start', { org: this.organizationId, user: userId, start })
      .andWhere(`t.status IN ('submitted', 'approved') AND t.period_start < :end AND t.period_end > :start`, { end })
      .getOne();
  }

  /** Names and figures of these timesheets, in one query. */
  async figures(timesheets: Timesheet[], manager?: EntityManager): Promise<Map<string, TimesheetFigures>> {
    if (timesheets.length === 0) return new Map();
    const input = timesheets.map((t) => ({ id: t.id, user_id: t.userId, start: t.periodStart, end: t.periodEnd }));
    const rows: { id: string; user_name: string | null; deal_id: string | null; deal_name: string | null; seconds: string | null }[] = await (manager ?? this.dataSource.manager).query(
      `SELECT r.id, u.name AS user_name, e.deal_id, d.name AS deal_name, sum(e.duration_seconds)::text AS seconds
         FROM jsonb_to_recordset($2::jsonb) AS r(id uuid, user_id uuid, start date, "end" date)
         LEFT JOIN users u ON u.organization_id = $1 AND u.id = r.user_id
         LEFT JOIN time_entries e ON e.organization_id = $1 AND e.user_id = r.user_id
               AND e.start_time >= r.start::timestamp AT TIME ZONE 'UTC' AND e.start_time < r."end"::timestamp AT TIME ZONE 'UTC'
         LEFT JOIN deals d ON d.organization_id = $1 AND d.id = e.deal_id
        GROUP BY r.id, u.name, e.deal_id, d.name
        ORDER BY d.name NULLS LAST, e.deal_id`,
      [this.organizationId, JSON.stringify(input)],
    );
    const out = new Map<string, TimesheetFigures>();
    for (const r of rows) {
      const f = out.get(r.id) ?? { userName: r.user_name, totalSeconds: 0, byDeal: [] };
      if (r.seconds !== null) {
        f.totalSeconds += Number(r.seconds);
        f.byDeal.push({ deal_id: r.deal_id, deal_name: r.deal_name, seconds: Number(r.seconds) });
      }
      out.set(r.id, f);
    }
    return out;
  }

  /** Seconds per deal, task and UTC day of a person's period. */
  grid(userId: string, start: string, end: string): Promise<GridCell[]> {
    return this.dataSource.query(
      `SELECT e.deal_id, d.name AS deal_name, e.task_id, k.title AS task_title, to_char(e.start_time AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day,
              sum(e.duration_seconds)::int AS seconds
         FROM time_entries e
         LEFT JOIN deals d ON d.organization_id = e.organization_id AND d.id = e.deal_id
         LEFT JOIN tasks k ON k.organization_id = e.organization_id AND k.id = e.task_id
        WHERE ${IN_PERIOD}
        GROUP BY e.deal_id, d.name, e.task_id, k.title, 5
        ORDER BY d.name NULLS LAST, e.deal_id, k.title NULLS FIRST, e.task_id, day`,
      [this.organizationId, userId, start, end],
    );
  }

  /** Locks the period's entries by this (approved) timesheet; returns how many. */
  async stampEntries(manager: EntityManager, t: Timesheet): Promise<number> {
    // An UPDATE answers [rows, affected count].
    const [, count]: [unknown[], number] = await manager.query(
      `UPDATE time_entries e SET approved_timesheet_id = $5 WHERE ${IN_PERIOD} AND e.approved_timesheet_id IS NULL RETURNING 1`,
      [this.organizationId, t.userId, t.periodStart, t.periodEnd, t.id],
    );
    return count;
  }

  /** Unlocks the entries of this timesheet; returns how many. */
  async clearEntries(manager: EntityManager, timesheetId: string): Promise<number> {
    const [, count]: [unknown[], number] = await manager.query(
      `UPDATE time_entries SET approved_timesheet_id = NULL WHERE organization_id = $1 AND approved_timesheet_id = $2 RETURNING 1`,
      [this.organizationId, timesheetId],
    );
    return count;
  }

  /** Whether the user is an active user of this organization. */
  async userExists(userId: string): Promise<boolean> {
    const rows = await this.dataSource.query(`SELECT 1 FROM users WHERE organization_id = $1 AND id = $2`, [this.organizationId, userId]);
    return rows.length > 0;
  }

  /** The active admins and managers (who decide on timesheets). */
  async approvers(manager: EntityManager): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(`SELECT id FROM users WHERE organization_id = $1 AND is_active AND role IN ('admin', 'manager') ORDER BY id`, [this.organizationId]);
    return rows.map((r) => r.id);
  }
}
