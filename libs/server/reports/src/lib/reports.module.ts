import { DealBillingRepository } from '@clockwork/server-billing';
import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { StorageModule } from '@clockwork/server-core';
import { QUEUES } from '@clockwork/shared-jobs';
import { ReportExportsController } from './exports/report-exports.controller';
import { ReportExportsService } from './exports/report-exports.service';
import { PipelineRepository } from './pipeline.repository';
import { ModelRevenueRepository } from './profitability/model-revenue.repository';
import { ProfitabilityRepository } from './profitability/profitability.repository';
import { ProfitabilityService } from './profitability/profitability.service';
import { ReportsController } from './reports.controller';
import { ReportOwnersRepository } from './report-owners.repository';
import { ReportsService } from './reports.service';
import { RollupCheckRepository } from './rollup-check.repository';
import { RollupCheckService } from './rollup-check.service';
import { ReportSchedulesController } from './schedules/report-schedules.controller';
import { ReportSchedulesRepository } from './schedules/report-schedules.repository';
import { ReportSchedulesService } from './schedules/report-schedules.service';
import { TimeRollupsRepository } from './time-rollups.repository';

/**
 * The api side of reports: pipeline and time reports (JSON, CSV, PDF), the rollup check route,
 * scheduled email reports and report exports (built by the worker, files in the attachments storage).
 */
@Module({
  imports: [StorageModule, BullModule.registerQueue({ name: QUEUES.reportExports })],
  controllers: [ReportsController, ReportSchedulesController, ReportExportsController],
  providers: [
    ReportsService,
    TimeRollupsRepository,
    ProfitabilityService,
    ProfitabilityRepository,
    ModelRevenueRepository,
    DealBillingRepository,
    PipelineRepository,
    RollupCheckService,
    RollupCheckRepository,
    ReportSchedulesService,
    ReportSchedulesRepository,
    ReportExportsService,
    ReportOwnersRepository,
  ],
  exports: [ReportsService, RollupCheckService],
})
export class ReportsModule {}
