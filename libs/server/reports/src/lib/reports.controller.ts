import { Body, Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Roles, PostAction } from '@clockwork/server-core';
import { ErrorResponseDto, PipelineReportDto, ProfitabilityReportDto, ProfitabilityReportQueryDto, PipelineReportQueryDto, ProductivityReportDto, RevenueVsHoursReportDto, RollupCheckDto, RollupCheckResultDto, TimePerClientReportDto, TimePerDealReportDto, TimePerUserReportDto, TimeReportFiltersQueryDto, TimeReportQueryDto } from '@clockwork/shared-dto';
import type { Response } from 'express';
import { REPORT_ROLES } from './catalog/report.catalogue';
import { sendReport } from './report-export.builder';
import { pipelineTable, productivityTable, revenueVsHoursTable, timePerClientTable, timePerDealTable, timePerUserTable } from './report-tables.builder';
import { profitabilityTable } from './profitability/profitability-table.builder';
import { ProfitabilityService } from './profitability/profitability.service';
import { ReportsService } from './reports.service';
import { RollupCheckService } from './rollup-check.service';

const FORMATS = ['application/json', 'text/csv', 'application/pdf'] as const;
const TIME = 'From the time rollups (UTC days). Hours are seconds / 3600 rounded half away from zero to 2 decimals; seconds are exact integers.';

@ApiTags('reports')
@ApiBadRequestResponse({ type: ErrorResponseDto, description: 'A bad filter, named in details; date_to must be after date_from' })
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly checks: RollupCheckService,
    private readonly profitability: ProfitabilityService,
  ) {}

  @Get('pipeline')
  @Roles(...REPORT_ROLES['pipeline'])
  @ApiOperation({ summary: 'Deals by stage: count, value, weighted value, win rate, average time in stage', description: 'date_from/date_to filter the deals by created_at (UTC).' })
  @ApiProduces(...FORMATS)
  @ApiOkResponse({ type: PipelineReportDto })
  async pipeline(@Query() q: PipelineReportQueryDto, @Res({ passthrough: true }) res: Response): Promise<PipelineReportDto | undefined> {
    return sendReport(q.format, res, await this.reports.pipeline(q), pipelineTable);
  }

  @Get('time-per-deal')
  @Roles(...REPORT_ROLES['time-per-deal'])
  @ApiOperation({ summary: 'Tracked time per deal (deal_id null: not mapped to a deal)', description: TIME })
  @ApiProduces(...FORMATS)
  @ApiOkResponse({ type: TimePerDealReportDto })
  async timePerDeal(@Query() q: TimeReportQueryDto, @Res({ passthrough: true }) res: Response): Promise<TimePerDealReportDto | undefined> {
    return sendReport(q.format, res, await this.reports.timePerDeal(q), timePerDealTable);
  }

  @Get('time-per-client')
  @Roles(...REPORT_ROLES['time-per-client'])
  @ApiOperation({ summary: 'Tracked time per client (account)', description: TIME })
  @ApiProduces(...FORMATS)
  @ApiOkResponse({ type: TimePerClientReportDto })
  async timePerClient(@Query() q: TimeReportQueryDto, @Res({ passthrough: true }) res: Response): Promise<TimePerClientReportDto | undefined> {
    return sendReport(q.format, res, await this.reports.timePerClient(q), timePerClientTable);
  }

  @Get('time-per-user')
  @Roles(...REPORT_ROLES['time-per-user'])
  @ApiOperation({ summary: 'Tracked time per user', description: TIME })
  @ApiProduces(...FORMATS)
  @ApiOkResponse({ type: TimePerUserReportDto })
  async timePerUser(@Query() q: TimeReportQueryDto, @Res({ passthrough: true }) res: Response): Promise<TimePerUserReportDto | undefined> {
    return sendReport(q.format, res, await this.reports.timePerUser(q), timePerUserTable);
  }

  @Get('revenue-vs-hours')
  @Roles(...REPORT_ROLES['revenue-vs-hours'])
  @ApiOperation({ summary: 'Per deal with time in the range: value, hours, revenue per hour, billable share', description: TIME })
  @ApiProduces(...FORMATS)
  @ApiOkResponse({ type: RevenueVsHoursReportDto })
  async revenueVsHours(@Query() q: TimeReportFiltersQueryDto, @Res({ passthrough: true }) res: Response): Promise<RevenueVsHoursReportDto | undefined> {
    return sendReport(q.format, res, await this.reports.revenueVsHours(q), revenueVsHoursTable);
  }

  @Get('productivity')
  @Roles(...REPORT_ROLES['productivity'])
  @ApiOperation({ summary: 'Productivity score averages per user (per entry and weighted by seconds)', description: TIME })
  @ApiProduces(...FORMATS)
  @ApiOkResponse({ type: ProductivityReportDto })
  async productivity(@Query() q: TimeReportQueryDto, @Res({ passthrough: true }) res: Response): Promise<ProductivityReportDto | undefined> {
    return sendReport(q.format, res, await this.reports.productivity(q), productivityTable);
  }

  @Get('profitability')
  @Roles('admin', 'manager')
  @ApiOperation({
    summary: 'Per deal, client or person and currency: billable value, invoiced value, cost of time, margin and margin %',
    description: `${TIME} Billable value: billable seconds × the hourly rate of the day (billing rules); cost: all seconds × the person's cost rate of the day (their own, else their role's); both summed exactly and rounded half up to the cent once per row. Invoiced value: lines of issued and paid invoices dated in the range. margin = billable_value − cost; margin_percent = margin / billable_value × 100, 1 decimal, half away from zero.`,
  })
  @ApiProduces(...FORMATS)
  @ApiOkResponse({ type: ProfitabilityReportDto })
  async profitabilityReport(@Query() q: ProfitabilityReportQueryDto, @Res({ passthrough: true }) res: Response): Promise<ProfitabilityReportDto | undefined> {
    return sendReport(q.format, res, await this.profitability.report(q), profitabilityTable);
  }

  @PostAction('rollups/check')
  @Roles('admin', 'manager')
  @ApiOperation({ summary: 'Recompute a range of the time rollups from the raw entries and report (optionally repair) the drift' })
  @ApiOkResponse({ type: RollupCheckResultDto })
  check(@Body() dto: RollupCheckDto): Promise<RollupCheckResultDto> {
    return this.checks.check(dto);
  }
}
