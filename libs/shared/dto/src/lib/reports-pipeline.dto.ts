import { ApiProperty } from '@nestjs/swagger';
import { DEAL_STAGES, DealStage } from './deal.dto';
import { DEFAULT_PIPELINE_STAGES } from './pipeline.dto';
import { ReportFiltersDto } from './reports-time.dto';

/** The default pipeline's stage probabilities as it starts (each stage's own `probability` is what the reports use). */
export const STAGE_PROBABILITIES: Record<(typeof DEAL_STAGES)[number], number> = Object.fromEntries(DEFAULT_PIPELINE_STAGES.map((s) => [s.key, s.probability])) as Record<(typeof DEAL_STAGES)[number], number>;

const MONEY = 'Decimal string with 2 decimals';

/** What weighted a value: the win model's probabilities of the open deals, or the stages' probabilities. */
export const PIPELINE_WEIGHTINGS = ['model', 'stage'] as const;
export type PipelineWeighting = (typeof PIPELINE_WEIGHTINGS)[number];
const WEIGHTING =
  "model: the open deals are weighted by the organization's trained win model (GET /insights/win-probabilities); stage: by the stage's probability (no trained model, or a won or lost stage)";

export class PipelineRowDto {
  @ApiProperty({ format: 'uuid', description: 'The pipeline of the stage' }) pipeline_id: string;
  @ApiProperty({ type: String, description: 'The stage key' }) stage: DealStage;
  @ApiProperty({ description: "The stage's name" }) stage_name: string;
  @ApiProperty({ example: 'USD', description: 'Values are never converted: one row per stage and currency' }) currency: string;
  @ApiProperty() count: number;
  @ApiProperty({ description: MONEY }) value: string;
  @ApiProperty({ description: "The stage's probability (GET /pipelines); the default pipeline starts with prospecting 0.1, qualification 0.25, proposal 0.5, negotiation 0.75, won 1, lost 0" }) probability: number;
  @ApiProperty({ description: `Σ value × the deal's win probability (weighting model) or value × the stage's probability (weighting stage), rounded half away from zero (${MONEY})` }) weighted_value: string;
  @ApiProperty({ enum: PIPELINE_WEIGHTINGS, description: WEIGHTING }) weighting: PipelineWeighting;
}

export class PipelineStageTimeDto {
  @ApiProperty({ format: 'uuid', description: "The pipeline of the stage (the deals' current pipeline)" }) pipeline_id: string;
  @ApiProperty({ type: String, description: 'The stage key' }) stage: DealStage;
  @ApiProperty({ description: 'How many times a deal of the report left this stage (stays still open are not counted)' }) exits: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Mean seconds spent in the stage per exit (whole seconds)' }) average_seconds_in_stage: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'The same in days, 2 decimals' }) average_days_in_stage: number | null;
}

export class PipelineCurrencyTotalDto {
  @ApiProperty() currency: string;
  @ApiProperty() count: number;
  @ApiProperty({ description: MONEY }) value: string;
  @ApiProperty({ description: `Sum of the rows' weighted values (${MONEY})` }) weighted_value: string;
  @ApiProperty({ enum: PIPELINE_WEIGHTINGS, description: 'model when a row of the currency is weighted by the win model' }) weighting: PipelineWeighting;
}

export class PipelineTotalsDto {
  @ApiProperty() count: number;
  @ApiProperty({ enum: PIPELINE_WEIGHTINGS, description: `model when a row is weighted by the win model. ${WEIGHTING}` }) weighting: PipelineWeighting;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'When the win model that weighted the open deals was trained; null: stage weights' }) model_trained_at: string | null;
  @ApiProperty({ type: [PipelineCurrencyTotalDto] }) by_currency: PipelineCurrencyTotalDto[];
  @ApiProperty({ description: 'Deals in a stage of kind won' }) won: number;
  @ApiProperty({ description: 'Deals in a stage of kind lost' }) lost: number;
  @ApiProperty({ nullable: true, type: Number, description: 'won / (won + lost), 4 decimals; null when none is closed' }) win_rate: number | null;
}

export class PipelineReportDto {
  @ApiProperty({ type: ReportFiltersDto, description: 'date_from/date_to apply to the deals’ created_at (UTC)' }) filters: ReportFiltersDto;
  @ApiProperty({ type: [PipelineRowDto], description: 'By pipeline (the default first, then by name), in stage order, then by currency' }) rows: PipelineRowDto[];
  @ApiProperty({ type: [PipelineStageTimeDto], description: 'From the stage history of the same deals' }) stage_times: PipelineStageTimeDto[];
  @ApiProperty({ type: PipelineTotalsDto }) totals: PipelineTotalsDto;
}

class RollupFiguresDto {
  @ApiProperty() entries: number;
  @ApiProperty() seconds: number;
  @ApiProperty({ description: 'Sum of productivity scores (decimal string)' }) score_sum: string;
}

export class RollupDriftDto {
  @ApiProperty({ format: 'date' }) day: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) deal_id: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) task_id: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) user_id: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) account_id: string | null;
  @ApiProperty() billable: boolean;
  @ApiProperty({ type: RollupFiguresDto, description: 'What the rollups held' }) rollup: RollupFiguresDto;
  @ApiProperty({ type: RollupFiguresDto, description: 'What the raw entries add up to' }) raw: RollupFiguresDto;
}

export class RollupCheckResultDto {
  @ApiProperty({ format: 'date' }) date_from: string;
  @ApiProperty({ format: 'date' }) date_to: string;
  @ApiProperty({ description: 'Keys whose rollups differ from the raw entries' }) differing_keys: number;
  @ApiProperty({
    description:
      'Rows of the span rollups (per deal and per user, buckets of 1 to 256 days) that differ: one-day rows of the range from the raw entries, longer buckets around the range from the sum of their days',
  })
  span_differing_keys: number;
  @ApiProperty({
    description:
      'Keys and rows of the priced rollups (profitability) that differ: per day, deal, user and account the time or the stored hourly and cost rates (against the raw entries and the rates in effect now), and the priced span rows per deal and per user against them',
  })
  price_differing_keys: number;
  @ApiProperty({ description: 'Whether the differing keys and rows were corrected' }) repaired: boolean;
  @ApiProperty({ type: [RollupDriftDto], description: 'The first 1,000 differing keys' }) drift: RollupDriftDto[];
}
