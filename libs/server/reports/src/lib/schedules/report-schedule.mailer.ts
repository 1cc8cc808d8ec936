import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditWriter, Mailer, RequestContext, SYSTEM_ACTOR } from '@clockwork/server-core';
import { NotificationWriter } from '@clockwork/server-notifications';
import type { ReportName } from '@clockwork/shared-dto';
import { ReportSchedule } from '@clockwork/shared-entities';
import { DataSource, EntityManager } from 'typeorm';
import { ownerRefusal, queryAt, ReportOwner, reportFile, runReport } from '../catalog/report.catalogue';
import { ReportOwnersRepository } from '../report-owners.repository';
import { ReportsService } from '../reports.service';
import { toReportScheduleDto } from './report-schedule.mapper';
import { nextRunAt, zonedParts } from './schedule-time.rules';

/**
 * Sends the scheduled reports that are due. Each due row is taken with FOR UPDATE SKIP LOCKED,
 * sent, and moved to its next run in the same transaction: a run is sent once however many
 * workers tick at the same time (a worker that dies mid-send leaves the row due for the next tick).
 *
 * A report runs as its owner with the owner's role as stored at run time (never a fixed role),
 * so it shows what the owner may see now. An owner who was deactivated, or whose role may no
 * longer schedule the report, gets nothing sent: the schedule is paused with the reason, audited,
 * and the organization's admins are told in the app and by email.
 */
@Injectable()
export class ReportScheduleSender {
  private readonly logger = new Logger(ReportScheduleSender.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reports: ReportsService,
    private readonly mailer: Mailer,
    private readonly context: RequestContext,
    private readonly owners: ReportOwnersRepository,
    private readonly audit: AuditWriter,
    private readonly notifications: NotificationWriter,
  ) {}

  /** Sends every schedule due at `now`; returns how many runs were made (sent or failed). */
  async sendDue(now = new Date()): Promise<number> {
    let runs = 0;
    while (await this.dataSource.transaction((manager) => this.runOne(manager, now))) runs++;
    return runs;
  }

  private async runOne(manager: EntityManager, now: Date): Promise<boolean> {
    const [due]: { organization_id: string; id: string }[] = await manager.query(
      `SELECT organization_id, id FROM report_schedules WHERE next_run_at <= $1 AND paused_at IS NULL ORDER BY next_run_at, id LIMIT 1 FOR UPDATE SKIP LOCKED`,
      [now],
    );
    if (!due) return false;
    const schedule = (await manager.findOneBy(ReportSchedule, { organizationId: due.organization_id, id: due.id })) as ReportSchedule;
    const owner = await this.owners.current(manager, schedule.organizationId, schedule.userId);
    const refusal = ownerRefusal(owner, schedule.report as ReportName);
    if (refusal) {
      await this.pause(manager, schedule, owner, refusal, now);
      return true;
    }
    let error: string | null = null;
    try {
      await this.send(schedule, owner as ReportOwner, now);
    } catch (e) {
      error = (e as Error).message.slice(0, 1000);
      this.logger.warn(`Scheduled report ${schedule.id} failed: ${error}`);
    }
    const timing = { frequency: schedule.frequency, weekday: schedule.weekday, day_of_month: schedule.dayOfMonth, hour: schedule.hour, timezone: schedule.timezone };
    await manager.update(
      ReportSchedule,
      { organizationId: schedule.organizationId, id: schedule.id },
      { nextRunAt: nextRunAt(timing, now), lastRunAt: now, lastStatus: error ? 'failed' : 'sent', lastError: error },
    );
    return true;
  }

  /** Stops a schedule whose owner may no longer run it: paused with the reason, audited, admins told. */
  private async pause(manager: EntityManager, schedule: ReportSchedule, owner: ReportOwner | null, reason: 'owner_deactivated' | 'owner_role_lost', now: Date): Promise<void> {
    await manager.update(ReportSchedule, { organizationId: schedule.organizationId, id: schedule.id }, { pausedAt: now, pausedReason: reason });
    const after = (await manager.findOneBy(ReportSchedule, { organizationId: schedule.organizationId, id: schedule.id })) as ReportSchedule;
    this.logger.warn(`Scheduled report ${schedule.id} paused: ${reason}`);
    await this.audit.recordAs(manager, schedule.organizationId, SYSTEM_ACTOR, {
      action: 'pause',
      objectType: 'report_schedule',
      objectId: schedule.id,
      before: toReportScheduleDto(schedule),
      after: toReportScheduleDto(after),
      details: { owner_role: owner?.role ?? null, owner_active: owner?.is_active ?? false },
    });
    const why = reason === 'owner_deactivated' ? 'its owner was deactivated' : `its owner's role (${owner?.role}) may no longer schedule this report`;
    const admins = await this.owners.activeAdminIds(manager, schedule.organizationId);
    await this.notifications.recordMany(
      manager,
      schedule.organizationId,
      admins.map((id) => ({
        userId: id,
        kind: 'report_schedule.paused',
        title: 'A scheduled report was stopped',
        body: `The ${schedule.frequency} ${schedule.report} report was not sent and is paused: ${why}. Delete it, or resume it once its owner may run it again.`,
        link: '/reports',
        data: { schedule_id: schedule.id, report: schedule.report, owner_id: schedule.userId, reason },
        dedupeKey: `report_schedule.paused:${schedule.id}`,
        email: true,
      })),
    );
  }

  private async send(schedule: ReportSchedule, owner: ReportOwner, now: Date): Promise<void> {
    if (!this.mailer.configured) throw new Error('SMTP_HOST is not set: scheduled reports cannot be sent');
    const query = queryAt(schedule.params, zonedParts(now, schedule.timezone));
    const principal = { kind: 'user' as const, id: owner.id, organizationId: schedule.organizationId, role: owner.role };
    const table = await this.context.runAs(principal, () => runReport(this.reports, schedule.report as ReportName, query));
    const file = await reportFile(table, schedule.format);
    const range = `${table.filters.date_from ?? 'the beginning'} to ${table.filters.date_to ?? 'now'}`;
    const text = [
      `${table.title}, ${range} (the end day excluded).`,
      '',
      ...table.totals.map((t) => `${t.label}: ${t.value}`),
      '',
      `The report is attached (${file.fileName}). You receive it because it was scheduled ${schedule.frequency} in Clockwork CRM.`,
    ].join('\n');
    await this.mailer.send({
      to: schedule.recipients,
      subject: `${table.title} report: ${range}`,
      text,
      attachments: [{ filename: file.fileName, content: file.body, contentType: file.contentType }],
    });
  }
}
