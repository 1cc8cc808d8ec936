import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { RequestContext, timeEntryScope } from '@clockwork/server-core';
import type { TimesheetDto, TimesheetGridRowDto, TimesheetPageDto, TimesheetPeriodDto, TimesheetPeriodQueryDto, TimesheetQueryDto } from '@clockwork/shared-dto';
import type { Timesheet } from '@clockwork/shared-entities';
import { EntityManager } from 'typeorm';
import { OrganizationSettingsRepository } from './organization-settings.repository';
import { daysOf, periodOf, todayUtc } from './timesheet-period.rules';
import { toTimesheetDto } from './timesheet.mapper';
import { TimesheetsRepository } from './timesheets.repository';

/**
 * Reading timesheets. Admins and managers read everyone's; sales and support only their own (a
 * colleague's is a 404, lists leave them out), like their time entries.
 */
@Injectable()
export class TimesheetsReadService {
  constructor(
    private readonly timesheets: TimesheetsRepository,
    private readonly settings: OrganizationSettingsRepository,
    private readonly context: RequestContext,
  ) {}

  async list(query: TimesheetQueryDto): Promise<TimesheetPageDto> {
    const scope = timeEntryScope(this.context.principal);
    const page = await this.timesheets.listPage(query, scope.all ? undefined : { userId: scope.userId });
    return { data: await this.withFigures(page.data), next_cursor: page.next_cursor };
  }

  async get(id: string): Promise<TimesheetDto> {
    return (await this.withFigures([this.readable(await this.timesheets.getById(id))]))[0];
  }

  /** A timesheet the caller may read, else the 404 of an unknown one. */
  readable(t: Timesheet): Timesheet {
    const scope = timeEntryScope(this.context.principal);
    if (!scope.all && t.userId !== scope.userId) throw new NotFoundException('Timesheet not found');
    return t;
  }

  /** The user a caller may act on: itself by default; someone else only when it sees everyone's time (else 404). */
  async subjectUser(userId: string | undefined): Promise<string> {
    const principal = this.context.principal;
    const self = principal?.kind === 'user' ? principal.id : null;
    const target = userId ?? self;
    if (!target) throw new BadRequestException({ message: 'Validation failed: user_id is required for an API key', details: [{ field: 'user_id', errors: ['user_id is required for an API key'] }] });
    if (target !== self && !timeEntryScope(principal).all) throw new NotFoundException('User not found');
    if (!(await this.timesheets.userExists(target))) throw new NotFoundException('User not found');
    return target;
  }

  async withFigures(rows: Timesheet[], manager?: EntityManager): Promise<TimesheetDto[]> {
    const figures = await this.timesheets.figures(rows, manager);
    return rows.map((t) => toTimesheetDto(t, figures.get(t.id)));
  }

  /** The period grid of a person: rows deal/task, a column per day, totals; with its timesheet's status and comment. */
  async period(query: TimesheetPeriodQueryDto): Promise<TimesheetPeriodDto> {
    const userId = await this.subjectUser(query.user_id);
    const { timesheetPeriod } = await this.settings.get();
    const { start, end } = periodOf(query.date ?? todayUtc(), timesheetPeriod);
    const days = daysOf(start, end);
    const stored = await this.timesheets.findByPeriod(userId, start);
    const rows = new Map<string, TimesheetGridRowDto>();
    for (const cell of await this.timesheets.grid(userId, start, end)) {
      const key = `${cell.deal_id}|${cell.task_id}`;
      const row = rows.get(key) ?? { deal_id: cell.deal_id, deal_name: cell.deal_name, task_id: cell.task_id, task_title: cell.task_title, seconds_by_day: days.map(() => 0), total_seconds: 0 };
      row.seconds_by_day[days.indexOf(cell.day)] += cell.seconds;
      row.total_seconds += cell.seconds;
      rows.set(key, row);
    }
    const grid = [...rows.values()];
    const dayTotals = days.map((_, i) => grid.reduce((sum, r) => sum + r.seconds_by_day[i], 0));
    return {
      user_id: userId,
      period: timesheetPeriod,
      period_start: start,
      period_end: end,
      status: stored?.status ?? 'open',
      timesheet_id: stored?.id ?? null,
      comment: stored?.comment ?? null,
      days,
      rows: grid,
      day_totals: dayTotals,
      total_seconds: dayTotals.reduce((a, b) => a + b, 0),
    };
  }
}
