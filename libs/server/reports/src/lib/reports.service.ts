import { BadRequestException, Injectable, Optional } from '@nestjs/common';
import { DealWinProbabilities, RequestContext } from '@clockwork/server-core';
import type { PipelineReportDto, PipelineReportQueryDto, PipelineWeighting as Weighting, ProductivityReportDto, ReportFiltersDto, RevenueVsHoursReportDto, TimeFiguresDto, TimePerClientReportDto, TimePerDealReportDto, TimePerUserReportDto, TimeReportFiltersQueryDto, TimeReportQueryDto } from '@clockwork/shared-dto';
import { PipelineRepository } from './pipeline.repository';
import { hoursOf, int, num, perHour, sumMoney } from './report-figures.rules';
import { TimeDimension, TimeRollupsRepository, TimeRow } from './time-rollups.repository';

type AnyQuery = Partial<Omit<TimeReportQueryDto, 'group_by'> & Omit<PipelineReportQueryDto, 'group_by'>> & { group_by?: ReportFiltersDto['group_by'] };

export function filtersOf(q: AnyQuery): ReportFiltersDto {
  return {
    date_from: q.date_from ?? null,
    date_to: q.date_to ?? null,
    group_by: q.group_by ?? null,
    deal_id: q.deal_id ?? null,
    account_id: q.account_id ?? null,
    user_id: q.user_id ?? null,
    owner_id: q.owner_id ?? null,
    stage: q.stage ?? null,
  };
}

export function timeFigures(entries: number, seconds: number, billableSeconds: number): TimeFiguresDto {
  return { entries, seconds, hours: hoursOf(seconds), billable_seconds: billableSeconds, billable_hours: hoursOf(billableSeconds) };
}

const figuresOf = (r: TimeRow) => timeFigures(int(r.entries), int(r.seconds), int(r.billable_seconds));
const EMPTY: TimeRow = { key: null, name: null, period: null, entries: '0', seconds: '0', billable_seconds: '0', average_score: null, weighted_average_score: null, total: true };

/**
 * The reports. Time figures come from the rollups only (TimeRollupsRepository); money is exact
 * (integer cents) and hours are derived from whole seconds at the end.
 */
@Injectable()
export class ReportsService {
  constructor(
    private readonly rollups: TimeRollupsRepository,
    private readonly pipelineDeals: PipelineRepository,
    private readonly context: RequestContext,
    /** The insights' win model (absent where insights is not loaded: stage weights only). */
    @Optional() private readonly winProbabilities?: DealWinProbabilities,
  ) {}

  async timePerDeal(q: TimeReportQueryDto): Promise<TimePerDealReportDto> {
    const { rows, total } = await this.byDimension('deal', q);
    return { filters: filtersOf(q), rows: rows.map((r) => ({ period: r.period, deal_id: r.key, deal_name: r.name, ...figuresOf(r) })), totals: figuresOf(total) };
  }

  async timePerClient(q: TimeReportQueryDto): Promise<TimePerClientReportDto> {
    const { rows, total } = await this.byDimension('account', q);
    return { filters: filtersOf(q), rows: rows.map((r) => ({ period: r.period, account_id: r.key, account_name: r.name, ...figuresOf(r) })), totals: figuresOf(total) };
  }

  async timePerUser(q: TimeReportQueryDto): Promise<TimePerUserReportDto> {
    const { rows, total } = await this.byDimension('user', q);
    return { filters: filtersOf(q), rows: rows.map((r) => ({ period: r.period, user_id: r.key, user_name: r.name, ...figuresOf(r) })), totals: figuresOf(total) };
  }

  async productivity(q: TimeReportQueryDto): Promise<ProductivityReportDto> {
    const { rows, total } = await this.byDimension('user', q);
    const scores = (r: TimeRow) => ({
      entries: int(r.entries),
      seconds: int(r.seconds),
      hours: hoursOf(int(r.seconds)),
      average_score: num(r.average_score),
      weighted_average_score: num(r.weighted_average_score),
    });
    return { filters: filtersOf(q), rows: rows.map((r) => ({ period: r.period, user_id: r.key, user_name: r.name, ...scores(r) })), totals: scores(total) };
  }

  async revenueVsHours(q: TimeReportFiltersQueryDto): Promise<RevenueVsHoursReportDto> {
    const deals = await this.rollups.dealHours(q);
    const rows = deals.map((d) => {
      const figures = timeFigures(int(d.entries), int(d.seconds), int(d.billable_seconds));
      return {
        deal_id: d.deal_id,
        deal_name: d.deal_name,
        account_id: d.account_id,
        currency: d.currency,
        value: sumMoney([d.value]),
        ...figures,
        revenue_per_hour: perHour(d.value, figures.seconds),
        billable_share: figures.seconds > 0 ? Math.round((figures.billable_seconds * 10000) / figures.seconds) / 10000 : null,
      };
    });
    const currencies = [...new Set(rows.map((r) => r.currency))].sort();
    const by_currency = currencies.map((currency) => {
      const of = rows.filter((r) => r.currency === currency);
      const value = sumMoney(of.map((r) => r.value));
      const seconds = of.reduce((s, r) => s + r.seconds, 0);
      return { currency, value, seconds, revenue_per_hour: perHour(value, seconds) };
    });
    const sum = (f: (r: (typeof rows)[number]) => number) => rows.reduce((s, r) => s + f(r), 0);
    return { filters: filtersOf(q), rows, totals: { ...timeFigures(sum((r) => r.entries), sum((r) => r.seconds), sum((r) => r.billable_seconds)), by_currency } };
  }

  async pipeline(q: PipelineReportQueryDto): Promise<PipelineReportDto> {
    // A stage that is no stage of the pipeline (or of any, without pipeline_id) is a 400, as on GET /deals.
    if (q.stage !== undefined && !(await this.pipelineDeals.stageExists(q.stage, q.pipeline_id))) {
      const message = `stage must be a stage key of ${q.pipeline_id ? 'the pipeline' : 'one of the pipelines'}`;
      throw new BadRequestException({ message: `Validation failed: ${message}`, details: [{ field: 'stage', errors: [message] }] });
    }
    // Scoring the open deals (when a model exists) runs beside the queries that do not need it.
    const [scored, times, [win]] = await Promise.all([this.winProbabilities?.ofOpenDeals(this.context.organizationId), this.pipelineDeals.stageTimes(q), this.pipelineDeals.winRate(q)]);
    const model = scored ?? null;
    const stages = await this.pipelineDeals.stages(q, model?.probabilities);
    const rows = stages.map((s) => ({
      pipeline_id: s.pipeline_id,
      stage: s.stage,
      stage_name: s.stage_name,
      currency: s.currency,
      count: int(s.count),
      value: s.value,
      probability: Number(s.probability),
      weighted_value: s.weighted_value,
      weighting: s.weighting,
    }));
    const currencies = [...new Set(rows.map((r) => r.currency))].sort();
    const basis = (of: { weighting: Weighting }[]): Weighting => (of.some((r) => r.weighting === 'model') ? 'model' : 'stage');
    return {
      filters: { ...filtersOf({ ...q, group_by: 'stage' }), pipeline_id: q.pipeline_id ?? null },
      rows,
      stage_times: times.map((t) => ({ pipeline_id: t.pipeline_id, stage: t.stage, exits: int(t.exits), average_seconds_in_stage: num(t.average_seconds), average_days_in_stage: num(t.average_days) })),
      totals: {
        count: rows.reduce((s, r) => s + r.count, 0),
        weighting: basis(rows),
        model_trained_at: model?.trained_at ?? null,
        by_currency: currencies.map((currency) => {
          const of = rows.filter((r) => r.currency === currency);
          return { currency, count: of.reduce((s, r) => s + r.count, 0), value: sumMoney(of.map((r) => r.value)), weighted_value: sumMoney(of.map((r) => r.weighted_value)), weighting: basis(of) };
        }),
        won: int(win?.won),
        lost: int(win?.lost),
        win_rate: num(win?.win_rate),
      },
    };
  }

  private async byDimension(dimension: TimeDimension, q: TimeReportQueryDto): Promise<{ rows: TimeRow[]; total: TimeRow }> {
    const all = await this.rollups.byDimension(dimension, q);
    return { rows: all.filter((r) => !r.total), total: all.find((r) => r.total) ?? EMPTY };
  }
}
