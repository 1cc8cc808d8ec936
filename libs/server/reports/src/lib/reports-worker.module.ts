import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { MailModule, StorageModule } from '@clockwork/server-core';
import { NotificationsWorkerModule } from '@clockwork/server-notifications';
import { QUEUES } from '@clockwork/shared-jobs';
import { ReportExportBuilder } from './exports/report-export.builder';
import { PipelineRepository } from './pipeline.repository';
import { ReportJobsSchedule, ReportExportsProcessor, ReportSchedulesProcessor } from './report-jobs.processor';
import { ReportRollupsProcessor } from './report-rollups.processor';
import { ReportRollupsSchedule } from './report-rollups.schedule';
import { ReportOwnersRepository } from './report-owners.repository';
import { ReportsService } from './reports.service';
import { RollupCheckRepository } from './rollup-check.repository';
import { RollupCheckService } from './rollup-check.service';
import { ReportScheduleSender } from './schedules/report-schedule.mailer';
import { TimeRollupsRepository } from './time-rollups.repository';

/**
 * The worker side of reports: the daily rollup drift check (report-rollups), scheduled email
 * reports through the notifications mailer (report-schedules) and export files (report-exports).
 */
@Module({
  imports: [StorageModule, MailModule, NotificationsWorkerModule, BullModule.registerQueue({ name: QUEUES.reportRollups }, { name: QUEUES.reportExports }, { name: QUEUES.reportSchedules })],
  providers: [
    ReportRollupsProcessor,
    ReportRollupsSchedule,
    RollupCheckService,
    RollupCheckRepository,
    ReportsService,
    TimeRollupsRepository,
    PipelineRepository,
    ReportScheduleSender,
    ReportOwnersRepository,
    ReportExportBuilder,
    ReportExportsProcessor,
    ReportSchedulesProcessor,
    ReportJobsSchedule,
  ],
  exports: [RollupCheckService, ReportScheduleSender, ReportExportBuilder],
})
export class ReportsWorkerModule {}
