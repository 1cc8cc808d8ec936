import { Module } from '@nestjs/common';
import { PipelineRepository } from './pipeline.repository';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';
import { RollupCheckRepository } from './rollup-check.repository';
import { RollupCheckService } from './rollup-check.service';
import { TimeRollupsRepository } from './time-rollups.repository';

/** The api side of reports: pipeline and time reports (JSON, CSV, PDF) and the rollup check route. */
@Module({
  controllers: [ReportsController],
  providers: [ReportsService, TimeRollupsRepository, PipelineRepository, RollupCheckService, RollupCheckRepository],
  exports: [ReportsService, RollupCheckService],
})
export class ReportsModule {}
