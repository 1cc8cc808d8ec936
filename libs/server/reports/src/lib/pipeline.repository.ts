import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { RequestContext } from '@clockwork/server-core';
import { DEAL_STAGES, DealStage, PipelineReportQueryDto, STAGE_PROBABILITIES } from '@clockwork/shared-dto';
import { DataSource } from 'typeorm';

export interface PipelineStageRow {
  stage: DealStage;
  currency: string;
  count: string;
  value: string;
  probability: string;
  weighted_value: string;
}

export interface StageTimeRow {
  stage: DealStage;
  exits: string;
  average_seconds: string | null;
  average_days: string | null;
}

export interface WinRateRow {
  won: string;
  lost: string;
  win_rate: string | null;
}

/** The stages in pipeline order with their probabilities, as a VALUES list. */
const STAGES_SQL = `(VALUES ${DEAL_STAGES.map((s, i) => `('${s}', ${i}, ${STAGE_PROBABILITIES[s]}::numeric)`).join(', ')}) AS s(stage, ord, probability)`;

/** Named queries of the pipeline report over the deals and their stage history. */
@Injectable()
export class PipelineRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly context: RequestContext,
  ) {}

  /** Count, value and weighted value per stage and currency, in pipeline order. */
  stages(query: PipelineReportQueryDto): Promise<PipelineStageRow[]> {
    const { cte, params } = this.deals(query);
    return this.dataSource.query(
      `WITH ${cte}
       SELECT f.stage, f.currency, count(*) AS count, sum(f.value)::text AS value, s.probability::text AS probability,
              round(sum(f.value) * s.probability, 2)::text AS weighted_value
         FROM f JOIN ${STAGES_SQL} ON s.stage = f.stage
        GROUP BY f.stage, f.currency, s.ord, s.probability
        ORDER BY s.ord, f.currency`,
      params,
    );
  }

  /** Mean time in each stage over the stays that ended (the deal moved on), from the stage history. */
  stageTimes(query: PipelineReportQueryDto): Promise<StageTimeRow[]> {
    const { cte, params } = this.deals(query);
    return this.dataSource.query(
      `WITH ${cte},
       stays AS (
         SELECT h.to_stage AS stage, extract(epoch FROM lead(h.entered_at) OVER (PARTITION BY h.deal_id ORDER BY h.entered_at, h.id) - h.entered_at) AS seconds
           FROM deal_stage_history h
          WHERE h.organization_id = $1 AND h.deal_id IN (SELECT id FROM f))
       SELECT st.stage, count(*) AS exits, round(avg(st.seconds))::text AS average_seconds, round(avg(st.seconds) / 86400, 2)::text AS average_days
         FROM stays st JOIN ${STAGES_SQL} ON s.stage = st.stage
        WHERE st.seconds IS NOT NULL
        GROUP BY st.stage, s.ord
        ORDER BY s.ord`,
      params,
    );
  }

  winRate(query: PipelineReportQueryDto): Promise<WinRateRow[]> {
    const { cte, params } = this.deals(query);
    return this.dataSource.query(
      `WITH ${cte}, c AS (SELECT count(*) FILTER (WHERE stage = 'won') AS won, count(*) FILTER (WHERE stage = 'lost') AS lost FROM f)
       SELECT won, lost, round(won::numeric / nullif(won + lost, 0), 4)::text AS win_rate FROM c`,
      params,
    );
  }

  /** `f`: the deals of the report (created in the range, UTC; owner, account and stage filters). */
  private deals(query: PipelineReportQueryDto): { cte: string; params: unknown[] } {
    const params: unknown[] = [this.context.organizationId];
    const add = (value: unknown) => `$${params.push(value)}`;
    const where = ['d.organization_id = $1'];
    if (query.date_from) where.push(`d.created_at >= ${add(`${query.date_from}T00:00:00Z`)}::timestamptz`);
    if (query.date_to) where.push(`d.created_at < ${add(`${query.date_to}T00:00:00Z`)}::timestamptz`);
    if (query.owner_id) where.push(`d.owner_id = ${add(query.owner_id)}::uuid`);
    if (query.account_id) where.push(`d.account_id = ${add(query.account_id)}::uuid`);
    if (query.stage) where.push(`d.stage = ${add(query.stage)}`);
    return { cte: `f AS (SELECT d.id, d.stage, d.value, d.currency FROM deals d WHERE ${where.join(' AND ')})`, params };
  }
}
