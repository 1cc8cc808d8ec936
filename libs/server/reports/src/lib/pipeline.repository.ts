import { Injectable } from '@nestjs/common';
import { ReadReplicas, RequestContext } from '@clockwork/server-core';
import { DealStage, PipelineReportQueryDto } from '@clockwork/shared-dto';

export interface PipelineStageRow {
  pipeline_id: string;
  stage: DealStage;
  stage_name: string;
  currency: string;
  count: string;
  value: string;
  probability: string;
  weighted_value: string;
  weighting: 'model' | 'stage';
}

export interface StageTimeRow {
  pipeline_id: string;
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

/**
 * Every stage of the organization's pipelines with its order: pipelines the default first, then
 * by name; stages by position within them.
 */
const STAGES_SQL = `(SELECT ps.pipeline_id, ps.key AS stage, ps.name AS stage_name, ps.probability, ps.kind,
                            row_number() OVER (ORDER BY p.is_default DESC, lower(p.name), p.id, ps.position) AS ord
                       FROM pipeline_stages ps JOIN pipelines p ON p.organization_id = ps.organization_id AND p.id = ps.pipeline_id
                      WHERE ps.organization_id = $1) AS s`;

/** Named queries of the pipeline report over the deals and their stage history (on a read replica when one is up to date). */
@Injectable()
export class PipelineRepository {
  constructor(
    private readonly replicas: ReadReplicas,
    private readonly context: RequestContext,
  ) {}

  /** Whether `key` is a stage of the pipeline (or, without one, of any of the organization's pipelines). */
  async stageExists(key: string, pipelineId?: string): Promise<boolean> {
    const [row] = await this.replicas.query<{ found: boolean }[]>(
      `SELECT EXISTS (SELECT 1 FROM pipeline_stages WHERE organization_id = $1 AND key = $2 AND ($3::uuid IS NULL OR pipeline_id = $3::uuid)) AS found`,
      [this.context.organizationId, key, pipelineId ?? null],
    );
    return row.found;
  }

  /**
   * Count, value and weighted value per pipeline, stage and currency, in pipeline order; `probability` is the stage's.
   * A deal of an open stage with a win probability (`won`: deal id → probability) is weighted by it, any other by its stage's probability.
   */
  stages(query: PipelineReportQueryDto, won: ReadonlyMap<string, number> = new Map()): Promise<PipelineStageRow[]> {
    const { cte, params } = this.deals(query);
    const ids = `$${params.push([...won.keys()])}::uuid[]`;
    const probabilities = `$${params.push([...won.values()])}::float8[]`;
    return this.replicas.query(
      `WITH ${cte}
       SELECT f.pipeline_id, f.stage, s.stage_name, f.currency, count(*) AS count, sum(f.value)::text AS value, s.probability::text AS probability,
              round(sum(f.value * CASE WHEN s.kind = 'open' AND w.probability IS NOT NULL THEN w.probability::numeric ELSE s.probability END), 2)::text AS weighted_value,
              CASE WHEN s.kind = 'open' AND count(w.probability) > 0 THEN 'model' ELSE 'stage' END AS weighting
         FROM f JOIN ${STAGES_SQL} ON s.pipeline_id = f.pipeline_id AND s.stage = f.stage
         LEFT JOIN unnest(${ids}, ${probabilities}) AS w(deal_id, probability) ON w.deal_id = f.id
        GROUP BY f.pipeline_id, f.stage, s.stage_name, f.currency, s.ord, s.probability, s.kind
        ORDER BY s.ord, f.currency`,
      params,
    );
  }

  /** Mean time in each stage of the deals' current pipelines over the stays that ended (the deal moved on), from the stage history. */
  stageTimes(query: PipelineReportQueryDto): Promise<StageTimeRow[]> {
    const { cte, params } = this.deals(query);
    return this.replicas.query(
      `WITH ${cte},
       stays AS (
         SELECT f.pipeline_id, h.to_stage AS stage, extract(epoch FROM lead(h.entered_at) OVER (PARTITION BY h.deal_id ORDER BY h.entered_at, h.id) - h.entered_at) AS seconds
           FROM deal_stage_history h JOIN f ON f.id = h.deal_id
          WHERE h.organization_id = $1)
       SELECT st.pipeline_id, st.stage, count(*) AS exits, round(avg(st.seconds))::text AS average_seconds, round(avg(st.seconds) / 86400, 2)::text AS average_days
         FROM stays st JOIN ${STAGES_SQL} ON s.pipeline_id = st.pipeline_id AND s.stage = st.stage
        WHERE st.seconds IS NOT NULL
        GROUP BY st.pipeline_id, st.stage, s.ord
        ORDER BY s.ord`,
      params,
    );
  }

  winRate(query: PipelineReportQueryDto): Promise<WinRateRow[]> {
    const { cte, params } = this.deals(query);
    return this.replicas.query(
      `WITH ${cte},
       c AS (SELECT count(*) FILTER (WHERE s.kind = 'won') AS won, count(*) FILTER (WHERE s.kind = 'lost') AS lost
               FROM f JOIN pipeline_stages s ON s.organization_id = $1 AND s.pipeline_id = f.pipeline_id AND s.key = f.stage)
       SELECT won, lost, round(won::numeric / nullif(won + lost, 0), 4)::text AS win_rate FROM c`,
      params,
    );
  }

  /** `f`: the deals of the report (created in the range, UTC; owner, account, pipeline and stage filters). */
  private deals(query: PipelineReportQueryDto): { cte: string; params: unknown[] } {
    const params: unknown[] = [this.context.organizationId];
    const add = (value: unknown) => `$${params.push(value)}`;
    const where = ['d.organization_id = $1'];
    if (query.date_from) where.push(`d.created_at >= ${add(`${query.date_from}T00:00:00Z`)}::timestamptz`);
    if (query.date_to) where.push(`d.created_at < ${add(`${query.date_to}T00:00:00Z`)}::timestamptz`);
    if (query.owner_id) where.push(`d.owner_id = ${add(query.owner_id)}::uuid`);
    if (query.account_id) where.push(`d.account_id = ${add(query.account_id)}::uuid`);
    if (query.pipeline_id) where.push(`d.pipeline_id = ${add(query.pipeline_id)}::uuid`);
    if (query.stage) where.push(`d.stage = ${add(query.stage)}`);
    return { cte: `f AS (SELECT d.id, d.pipeline_id, d.stage, d.value, d.currency FROM deals d WHERE ${where.join(' AND ')})`, params };
  }
}
