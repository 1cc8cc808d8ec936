import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { QUEUES } from '@clockwork/shared-jobs';
import { ReportRollupsProcessor } from './report-rollups.processor';
import { ReportRollupsSchedule } from './report-rollups.schedule';
import { RollupCheckRepository } from './rollup-check.repository';
import { RollupCheckService } from './rollup-check.service';

/** The worker side of reports: the daily rollup drift check on the report-rollups queue. */
@Module({
  imports: [BullModule.registerQueue({ name: QUEUES.reportRollups })],
  providers: [ReportRollupsProcessor, ReportRollupsSchedule, RollupCheckService, RollupCheckRepository],
  exports: [RollupCheckService],
})
export class ReportsWorkerModule {}
