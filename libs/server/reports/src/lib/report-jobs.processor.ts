import { InjectQueue, Processor } from '@nestjs/bull';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Env, GatedProcess, scheduleEvery } from '@clockwork/server-core';
import { QUEUES, REPORT_EXPORT_CLEANUP_JOB, REPORT_EXPORT_JOB, REPORT_SCHEDULE_TICK_JOB, ReportExportJobData } from '@clockwork/shared-jobs';
import type { Job, Queue } from 'bull';
import { ReportExportBuilder } from './exports/report-export.builder';
import { REPORT_EXPORT_JOB_OPTIONS } from './exports/report-exports.service';
import { ReportScheduleSender } from './schedules/report-schedule.mailer';

/** Thin processor of the report-exports queue: one export per job, and the hourly clean-up. */
@Processor(QUEUES.reportExports)
export class ReportExportsProcessor {
  constructor(private readonly builder: ReportExportBuilder) {}

  @GatedProcess(QUEUES.reportExports, { name: REPORT_EXPORT_JOB, concurrency: 2 })
  build(job: Job<ReportExportJobData>): Promise<void> {
    return this.builder.build(job.data.organizationId, job.data.exportId);
  }

  @GatedProcess(QUEUES.reportExports, { name: REPORT_EXPORT_CLEANUP_JOB, concurrency: 1 })
  async cleanup(_job: Job): Promise<{ removed: number }> {
    return { removed: await this.builder.cleanup() };
  }
}

/** Thin processor of the report-schedules queue: the repeatable tick that sends due reports. */
@Processor(QUEUES.reportSchedules)
export class ReportSchedulesProcessor {
  constructor(private readonly sender: ReportScheduleSender) {}

  @GatedProcess(QUEUES.reportSchedules, { name: REPORT_SCHEDULE_TICK_JOB, concurrency: 1 })
  async tick(_job: Job): Promise<{ runs: number }> {
    return { runs: await this.sender.sendDue() };
  }
}

/**
 * At worker start: the schedule tick every REPORT_SCHEDULE_TICK_SECONDS and the export
 * clean-up every hour (Bull keeps one schedule for all workers), and unfinished exports
 * enqueued again (Bull ignores the ones it still holds: job id = export id).
 */
@Injectable()
export class ReportJobsSchedule implements OnApplicationBootstrap {
  private readonly logger = new Logger(ReportJobsSchedule.name);

  constructor(
    @InjectQueue(QUEUES.reportSchedules) private readonly schedules: Queue,
    @InjectQueue(QUEUES.reportExports) private readonly exports: Queue,
    private readonly builder: ReportExportBuilder,
    private readonly env: Env,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    try {
      await scheduleEvery(this.schedules, REPORT_SCHEDULE_TICK_JOB, this.env.REPORT_SCHEDULE_TICK_SECONDS * 1000);
      await scheduleEvery(this.exports, REPORT_EXPORT_CLEANUP_JOB, 3_600_000);
      for (const e of await this.builder.unfinished()) {
        await this.exports.add(REPORT_EXPORT_JOB, { organizationId: e.organization_id, exportId: e.id }, { ...REPORT_EXPORT_JOB_OPTIONS, jobId: e.id });
      }
    } catch (e) {
      this.logger.warn(`Could not schedule the report jobs: ${(e as Error).message}`);
    }
  }
}
