import { ConflictException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditWriter, DomainEventType, OutboxWriter, RequestContext } from '@clockwork/server-core';
import { NotificationWriter } from '@clockwork/server-notifications';
import type { RejectTimesheetDto, SubmitTimesheetDto, TimesheetDecisionDto, TimesheetDto } from '@clockwork/shared-dto';
import type { Timesheet, TimesheetStatus } from '@clockwork/shared-entities';
import { DataSource, EntityManager } from 'typeorm';
import { OrganizationSettingsRepository } from './organization-settings.repository';
import { periodOf, todayUtc } from './timesheet-period.rules';
import { auditedTimesheet } from './timesheet.mapper';
import { TimesheetsReadService } from './timesheets-read.service';
import { TimesheetsRepository } from './timesheets.repository';

/** Which statuses each step starts from. */
const FROM: Record<'approve' | 'reject' | 'reopen', TimesheetStatus[]> = {
  approve: ['submitted'],
  reject: ['submitted'],
  reopen: ['submitted', 'approved', 'rejected'],
};

const DONE = { submit: 'submitted', approve: 'approved', reject: 'rejected', reopen: 'reopened' } as const;

/** 409 naming the timesheet, its status and the step refused. */
const notAllowed = (t: Timesheet, step: keyof typeof DONE) => new ConflictException(`Timesheet ${t.id} (${t.periodStart}) is ${t.status}; it cannot be ${DONE[step]}`);

/**
 * The life of a timesheet: submitted by its person (or an admin or manager for them), approved
 * or rejected with a comment by an admin or manager, reopened by an admin. Each step is one
 * transaction with its audit row, its event and in-app notifications: approvers hear of a
 * submission, the person of a decision. Approving locks the period's entries, reopening unlocks them.
 */
@Injectable()
export class TimesheetDecisionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly timesheets: TimesheetsRepository,
    private readonly reader: TimesheetsReadService,
    private readonly settings: OrganizationSettingsRepository,
    private readonly audit: AuditWriter,
    private readonly outbox: OutboxWriter,
    private readonly notifications: NotificationWriter,
    private readonly context: RequestContext,
  ) {}

  private get actorId(): string | null {
    const p = this.context.principal;
    return p?.kind === 'user' ? p.id : null;
  }

  async submit(dto: SubmitTimesheetDto): Promise<TimesheetDto> {
    const userId = await this.reader.subjectUser(dto.user_id);
    return this.dataSource.transaction(async (manager) => {
      const { timesheetPeriod } = await this.settings.get(manager);
      const { start, end } = periodOf(dto.date ?? todayUtc(), timesheetPeriod);
      const before = await this.timesheets.lockByPeriod(manager, userId, start);
      if (before && (before.status === 'submitted' || before.status === 'approved')) throw notAllowed(before, 'submit');
      const other = await this.timesheets.overlapping(manager, userId, start, end);
      if (other) throw new ConflictException(`Timesheet ${other.id} (${other.periodStart} to ${other.periodEnd}) overlaps this period and is ${other.status}`);
      const values = { status: 'submitted' as const, submittedAt: new Date(), submittedBy: this.actorId, decidedAt: null, decidedBy: null };
      const after = before
        ? await this.timesheets.updateById(manager, before.id, { ...values, version: () => 'version + 1' })
        : await this.timesheets.insert(manager, { ...values, userId, periodStart: start, periodEnd: end, comment: null });
      const [dtoAfter] = await this.reader.withFigures([after], manager);
      await this.written(manager, 'submit', before, after, dtoAfter, 'timesheet.submitted');
      const approvers = (await this.timesheets.approvers(manager)).filter((id) => id !== this.actorId);
      await this.notifications.recordMany(
        manager,
        this.context.organizationId,
        approvers.map((id) => ({
          userId: id,
          kind: 'timesheet.submitted',
          title: `${dtoAfter.user_name ?? 'Someone'} submitted the timesheet of ${start}`,
          body: `${(dtoAfter.total_seconds / 3600).toFixed(2)} h to review`,
          link: '/approvals',
          data: { timesheet_id: after.id },
        })),
      );
      return dtoAfter;
    });
  }

  approve(id: string, dto: TimesheetDecisionDto): Promise<TimesheetDto> {
    return this.decide(id, 'approve', dto.comment ?? null);
  }

  reject(id: string, dto: RejectTimesheetDto): Promise<TimesheetDto> {
    return this.decide(id, 'reject', dto.comment);
  }

  reopen(id: string, dto: TimesheetDecisionDto): Promise<TimesheetDto> {
    return this.decide(id, 'reopen', dto.comment ?? null);
  }

  private decide(id: string, step: 'approve' | 'reject' | 'reopen', comment: string | null): Promise<TimesheetDto> {
    return this.dataSource.transaction(async (manager) => {
      const before = this.reader.readable(await this.timesheets.lockById(manager, id));
      if (!FROM[step].includes(before.status)) throw notAllowed(before, step);
      const status: TimesheetStatus = step === 'approve' ? 'approved' : step === 'reject' ? 'rejected' : 'open';
      // Approving locks the entries; reopening an approved one unlocks them.
      const entries = step === 'approve' ? await this.timesheets.stampEntries(manager, before) : before.status === 'approved' ? await this.timesheets.clearEntries(manager, before.id) : 0;
      const after = await this.timesheets.updateById(manager, id, { status, comment, decidedAt: new Date(), decidedBy: this.actorId, version: () => 'version + 1' });
      const [dtoAfter] = await this.reader.withFigures([after], manager);
      const event: DomainEventType = step === 'approve' ? 'timesheet.approved' : step === 'reject' ? 'timesheet.rejected' : 'timesheet.reopened';
      await this.written(manager, step, before, after, dtoAfter, event, { time_entries: entries });
      if (after.userId !== this.actorId) {
        await this.notifications.record(manager, this.context.organizationId, {
          userId: after.userId,
          kind: event,
          title: `Your timesheet of ${after.periodStart} was ${status === 'open' ? 'reopened' : status}`,
          body: comment ?? '',
          link: `/timesheet?date=${after.periodStart}`,
          data: { timesheet_id: after.id },
        });
      }
      return dtoAfter;
    });
  }

  private async written(manager: EntityManager, action: string, before: Timesheet | null, after: Timesheet, payload: TimesheetDto, event: DomainEventType, details?: Record<string, unknown>) {
    await this.audit.record(manager, { action, objectType: 'timesheet', objectId: after.id, before: before ? auditedTimesheet(before) : null, after: auditedTimesheet(after), details });
    await this.outbox.record(manager, { organizationId: this.context.organizationId, type: event, aggregateType: 'timesheet', aggregateId: after.id, payload: payload as unknown as Record<string, unknown> });
  }
}
