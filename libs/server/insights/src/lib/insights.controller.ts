import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Roles, ApiRecord } from '@clockwork/server-core';
import { sendReport } from '@clockwork/server-reports';
import { ChurnRiskPageDto, ChurnRiskQueryDto, DealHealthPageDto, DealHealthQueryDto, ErrorResponseDto, LeakageQueryDto, LeakageReportDto, MappingSuggestionsDto, MappingSuggestionsQueryDto, TrainWinModelDto, WIN_MODEL_MIN_CLOSED, WinModelDto, WinModelTrainQueuedDto, WinProbabilitiesDto, WinProbabilitiesQueryDto, WinProbabilityDto } from '@clockwork/shared-dto';
import type { Response } from 'express';
import { ChurnRiskService } from './churn-risk.service';
import { DealHealthService } from './deal-health.service';
import { leakageTable } from './leakage-table.builder';
import { LeakageService } from './leakage.service';
import { MappingSuggestionsService } from './mapping-suggestions.service';
import { WinModelService } from './win-model.service';

const MODEL = `A logistic regression trained per organization on its own closed deals, their features taken as of the close (docs/insights.md); below ${WIN_MODEL_MIN_CLOSED} closed deals, the stage win rates.`;

@ApiTags('insights')
@Controller('insights')
export class InsightsController {
  constructor(
    private readonly winModels: WinModelService,
    private readonly leakageReports: LeakageService,
    private readonly churn: ChurnRiskService,
    private readonly suggestions: MappingSuggestionsService,
    private readonly health: DealHealthService,
  ) {}

  @Get('win-model')
  @Roles('admin', 'manager')
  @ApiOperation({ summary: "The organization's win-probability model: when trained, on how many closed deals, its AUC and Brier score on held-out deals", description: MODEL })
  @ApiOkResponse({ type: WinModelDto })
  model(): Promise<WinModelDto> {
    return this.winModels.model();
  }

  @Post('win-model/train')
  @Roles('admin', 'manager')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Queues a training of the win-probability model now (the worker also trains every night)' })
  @ApiAcceptedResponse({ type: WinModelTrainQueuedDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'The body has a field (it takes none)' })
  train(@Body() _body: TrainWinModelDto): Promise<WinModelTrainQueuedDto> {
    return this.winModels.requestTraining();
  }

  @Get('win-probabilities')
  @Roles('admin', 'manager')
  @ApiOperation({ summary: 'Win probability and top factors of every open deal, and the weighted pipeline per currency', description: MODEL })
  @ApiOkResponse({ type: WinProbabilitiesDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'A bad filter, named in details' })
  probabilities(@Query() q: WinProbabilitiesQueryDto): Promise<WinProbabilitiesDto> {
    return this.winModels.probabilities(q);
  }

  @Get('deals/:id/win-probability')
  @Roles('admin', 'manager')
  @ApiOperation({ summary: "One deal's win probability and its top factors (a closed deal: its outcome)", description: MODEL })
  @ApiRecord(WinProbabilityDto)
  probability(@Param('id', ParseUUIDPipe) id: string): Promise<WinProbabilityDto> {
    return this.winModels.probability(id);
  }

  @Get('leakage')
  @Roles('admin', 'manager')
  @ApiOperation({
    summary: 'Tracked time that will not be billed, per category and currency: hours and value at the rate of each entry',
    description:
      'Categories, each entry in the first it fits: lost_deal (on a lost deal), closed_deal (on a won deal after its close), non_billable (marked non-billable on a won deal with a rate), invoiced_period (billable, not invoiced, inside the period of an issued or paid invoice of its deal or account), no_open_deal (on no deal, for an account without an open deal). Entries by their UTC start day; value = Σ seconds × hourly rate / 3600, rounded half up once.',
  })
  @ApiProduces('application/json', 'text/csv', 'application/pdf')
  @ApiOkResponse({ type: LeakageReportDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'A bad filter, named in details; date_to must be after date_from' })
  async leakage(@Query() q: LeakageQueryDto, @Res({ passthrough: true }) res: Response): Promise<LeakageReportDto | undefined> {
    return sendReport(q.format, res, await this.leakageReports.report(q), leakageTable);
  }

  @Get('churn-risk')
  @Roles('admin', 'manager')
  @ApiOperation({
    summary: 'Churn risk of each account, highest first: a score from falling effort, silence, unpaid invoices, no open deal, lost deals and overdue tasks, with its reasons',
    description:
      'Each factor adds a fixed weight on the log-odds (docs/insights.md, "Churn risk"): effort_decline (hours of the last 30 days below the account\'s own average per 30 days over the 90 before), silence (days without a time entry or call/meeting beyond a week), overdue_invoices (issued, unpaid 30 days after the invoice date), no_open_deal, lost_deals (last 180 days), overdue_tasks. Paged by risk (cursor: the last row\'s risk and id).',
  })
  @ApiOkResponse({ type: ChurnRiskPageDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'A bad filter or cursor, named in details' })
  churnRisk(@Query() q: ChurnRiskQueryDto): Promise<ChurnRiskPageDto> {
    return this.churn.list(q);
  }

  @Get('deal-health')
  @Roles('admin', 'manager')
  @ApiOperation({
    summary: 'Health signals of each open deal, most signals first: a code, a sentence and the numbers behind it',
    description:
      'Signals (docs/insights.md, "Deal health signals"): idle_late_stage (a stage past qualification with no hours in 14 days), effort_above_won (hours at least 3× the median pre-sales hours of at least 3 won deals of its size: same currency, half to twice its value), budget_ahead_of_timeline (hours budget, or money budget against the billable value of its time, used at least 20 points ahead of the share of its timeline, or of the month for a monthly budget, that has passed; the budget furthest ahead, with its figures). Paged by the number of signals (cursor: the last row\'s count and id).',
  })
  @ApiOkResponse({ type: DealHealthPageDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'A bad filter or cursor, named in details' })
  dealHealth(@Query() q: DealHealthQueryDto): Promise<DealHealthPageDto> {
    return this.health.list(q);
  }

  @Get('mapping-suggestions')
  @Roles('admin', 'manager')
  @ApiOperation({
    summary: 'The suggested deal of each time entry, learned from the review decisions of the organization (entries mapped by hand)',
    description:
      'A naive Bayes over the words of the project name, the whole name, the tags, the person and the activity type of the entries reviewers assigned, fitted on the newest 5,000 decisions of the organization at each request; only open deals are suggested; confidence is the posterior probability.',
  })
  @ApiOkResponse({ type: MappingSuggestionsDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'entry_ids missing, too many, or not UUIDs' })
  mappingSuggestions(@Query() q: MappingSuggestionsQueryDto): Promise<MappingSuggestionsDto> {
    return this.suggestions.suggest(q);
  }
}
