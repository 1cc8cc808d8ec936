import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { RequestContext } from '@clockwork/server-core';
import { NotificationMailer } from '@clockwork/server-notifications';
import type { ReportName } from '@clockwork/shared-dto';
import { ReportSchedule } from '@clockwork/shared-entities';
import { DataSource, EntityManager } from 'typeorm';
import { queryAt, reportFile, runReport } from '../catalog/report-catalog';
import { ReportsService } from '../reports.service';
import { nextRunAt, zonedParts } from './schedule-time';

/**
 * Sends the scheduled reports that are due. Each due row is taken with FOR UPDATE SKIP LOCKED,
 * sent, and moved to its next run in the same transaction: a run is sent once however many
 * workers tick at the same time (a worker that dies mid-send leaves the row due for the next tick).
 */
@Injectable()
export class ReportScheduleSender {
  private readonly logger = new Logger(ReportScheduleSender.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reports: ReportsService,
    private readonly mailer: NotificationMailer,
    private readonly context: RequestContext,
  ) {}

  /** Sends every schedule due at `now`; returns how many runs were made (sent or failed). */
  async sendDue(now = new Date()): Promise<number> {
    let runs = 0;
    while (await this.dataSource.transaction((manager) => this.runOne(manager, now))) runs++;
    return runs;
  }

  private async runOne(manager: EntityManager, now: Date): Promise<boolean> {
    const [due]: { organization_id: string; id: string }[] = await manager.query(
      `SELECT organization_id, id FROM report_schedules WHERE next_run_at <= $1 ORDER BY next_run_at, id LIMIT 1 FOR UPDATE SKIP LOCKED`,
      [now],
    );
    if (!due) return false;
    const schedule = (await manager.findOneBy(ReportSchedule, { organizationId: due.organization_id, id: due.id })) as ReportSchedule;
    let error: string | null = null;
    try {
      await this.send(schedule, now);
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

  private async send(schedule: ReportSchedule, now: Date): Promise<void> {
    if (!this.mailer.configured) throw new Error('SMTP_HOST is not set: scheduled reports cannot be sent');
    const query = queryAt(schedule.params, zonedParts(now, schedule.timezone));
    const principal = { kind: 'user' as const, id: schedule.userId, organizationId: schedule.organizationId, role: 'manager' as const };
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
