import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { MAX_PAGE_SIZE, PageOf } from './page.dto';
import { ReportRangeQueryDto } from './reports-query.dto';
import { ReportFiltersDto } from './reports-time.dto';
import { OptionalUuid } from './validation';

/** Fewer closed deals than this: the organization's stage win rates are used instead of a model. */
export const WIN_MODEL_MIN_CLOSED = 30;

export const LEAKAGE_CATEGORIES = ['lost_deal', 'closed_deal', 'non_billable', 'invoiced_period', 'no_open_deal'] as const;
export type LeakageCategory = (typeof LEAKAGE_CATEGORIES)[number];

/** `GET /insights/win-model`: the organization's newest model and how good it is. */
export class WinModelDto {
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'null: no model trained yet (the stage win rates of the closed deals are used)' }) id: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) trained_at: string | null;
  @ApiProperty({ description: 'Closed (won or lost) deals the model was trained and tested on' }) n_closed: number;
  @ApiProperty() n_won: number;
  @ApiProperty({ description: 'Closed deals held out (every fifth, by id) to measure the model' }) n_holdout: number;
  @ApiProperty({ description: `true: fewer than ${WIN_MODEL_MIN_CLOSED} closed deals (or only one outcome): probabilities are the stage win rates` }) fallback: boolean;
  @ApiProperty({ nullable: true, type: Number, description: 'Area under the ROC curve on the held-out deals (0.5: no better than chance); null without a model' }) auc: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Brier score (mean squared error of the probability) on the held-out deals; lower is better' }) brier: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Brier score of the stage win rates on the same held-out deals, to compare' }) fallback_brier: number | null;
  @ApiProperty({ type: [String], description: 'The features, in the order of the weights' }) features: string[];
  @ApiProperty({ description: 'Why the model is or is not used, in words' }) note: string;
}

/** `POST /insights/win-model/train` takes no fields. */
export class TrainWinModelDto {}

/** `POST /insights/win-model/train`: the training was queued. */
export class WinModelTrainQueuedDto {
  @ApiProperty({ description: 'The worker trains the model shortly; GET /insights/win-model shows it when done' }) queued: boolean;
}

/** One feature's push on a probability: the weight × the standardised value (log-odds). */
export class WinFactorDto {
  @ApiProperty({ example: 'hours_last_14d' }) feature: string;
  @ApiProperty({ description: "The deal's value of the feature (before standardising)" }) value: number;
  @ApiProperty({ description: 'Contribution to the log-odds of winning; > 0 raises the probability' }) effect: number;
}

export class WinProbabilityDto {
  @ApiProperty({ format: 'uuid' }) deal_id: string;
  @ApiProperty({ example: 'proposal' }) stage: string;
  @ApiProperty({ description: 'Probability of winning, 0..1' }) probability: number;
  @ApiProperty({ enum: ['model', 'stage_rate', 'outcome'], description: "model: the organization's trained model; stage_rate: the win rate of the deal's stage (fallback); outcome: the deal is closed (1 won, 0 lost)" })
  source: 'model' | 'stage_rate' | 'outcome';
  @ApiProperty({ type: [WinFactorDto], description: 'At most 3 features that moved the probability most, largest effect first (empty unless source is model)' }) factors: WinFactorDto[];
}

/** `GET /insights/win-probabilities`: the open deals of the board. */
export class WinProbabilitiesQueryDto {
  @OptionalUuid({ description: 'Only the open deals of this account' })
  account_id?: string;

  @OptionalUuid({ description: 'Only the open deals of this owner' })
  owner_id?: string;
}

export class WeightedPipelineDto {
  @ApiProperty({ example: 'USD' }) currency: string;
  @ApiProperty({ example: '12000.00', description: 'Σ value of the open deals (2 decimals)' }) value: string;
  @ApiProperty({ example: '5400.00', description: 'Σ value × win probability (2 decimals, rounded once per currency)' }) weighted_value: string;
}

export class WinProbabilitiesDto {
  @ApiProperty({ type: WinModelDto }) model: WinModelDto;
  @ApiProperty({ type: [WinProbabilityDto], description: 'Every open deal (stage not won or lost) matching the filters' }) deals: WinProbabilityDto[];
  @ApiProperty({ type: [WeightedPipelineDto], description: 'The weighted pipeline per currency, with these probabilities' }) weighted: WeightedPipelineDto[];
}

/** `GET /insights/leakage`: time (UTC start day) in the range. */
export class LeakageQueryDto extends ReportRangeQueryDto {}

export class LeakageRowDto {
  @ApiProperty({ enum: LEAKAGE_CATEGORIES }) category: LeakageCategory;
  @ApiProperty({ nullable: true, type: String, example: 'USD', description: 'The currency of the rate; null: time no rate covers (value 0)' }) currency: string | null;
  @ApiProperty({ description: 'Entries in the category' }) entries: number;
  @ApiProperty({ description: 'Exact seconds' }) seconds: number;
  @ApiProperty({ description: 'seconds / 3600, 2 decimals' }) hours: number;
  @ApiProperty({ example: '450.00', description: 'Σ seconds × the hourly rate of the entry (billing rules: deal+user, deal, account, user, organization) / 3600, rounded half up once' }) value: string;
}

export class LeakageReportDto {
  @ApiProperty({ type: ReportFiltersDto }) filters: ReportFiltersDto;
  @ApiProperty({ type: [LeakageRowDto], description: 'Per category and currency, in the order of the categories; each entry counts in its first category only' }) rows: LeakageRowDto[];
}


export const CHURN_FACTOR_NAMES = ['effort_decline', 'silence', 'overdue_invoices', 'no_open_deal', 'lost_deals', 'overdue_tasks'] as const;
export type ChurnFactorNameDto = (typeof CHURN_FACTOR_NAMES)[number];

/** `?limit=&cursor=` of the insights lists (their messages name the parameter). */
export class InsightsPageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be an integer' })
  @Min(1, { message: 'limit must be at least 1' })
  @Max(MAX_PAGE_SIZE, { message: `limit must be at most ${MAX_PAGE_SIZE}` })
  limit?: number;

  @ApiPropertyOptional({ description: 'next_cursor of the previous page' })
  @IsOptional()
  @IsString({ message: 'cursor must be a string' })
  @MaxLength(512, { message: 'cursor must be at most 512 characters' })
  cursor?: string;
}

/** `GET /insights/churn-risk`: accounts by risk, highest first. */
export class ChurnRiskQueryDto extends InsightsPageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only this account (the account page)' })
  @IsOptional()
  @IsUUID('all', { message: 'account_id must be a UUID' })
  account_id?: string;
}

/** One factor that raised an account's churn risk. */
export class ChurnFactorDto {
  @ApiProperty({ enum: CHURN_FACTOR_NAMES }) factor: ChurnFactorNameDto;
  @ApiProperty({ description: 'The account\'s value: hours lost per 30 days (effort_decline), days (silence), or a count' }) value: number;
  @ApiProperty({ description: 'Contribution to the log-odds of churning (> 0 raises the risk)' }) effect: number;
  @ApiProperty({ example: 'No time or activity in 45 days' }) reason: string;
}

export class ChurnRiskDto {
  @ApiProperty({ format: 'uuid' }) account_id: string;
  @ApiProperty() account_name: string;
  @ApiProperty({ description: 'Risk of churning, 0..1 (4 decimals)' }) risk: number;
  @ApiProperty({ enum: ['high', 'medium', 'low'], description: 'high ≥ 0.6, medium ≥ 0.3' }) level: 'high' | 'medium' | 'low';
  @ApiProperty({ type: [ChurnFactorDto], description: 'Every factor that raised the risk, largest effect first' }) factors: ChurnFactorDto[];
  @ApiProperty({ description: 'Hours of the account in the last 30 days' }) hours_last_30d: number;
  @ApiProperty({ description: 'Its hours per 30 days over the 90 days before' }) hours_baseline_30d: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Days since its last time entry or call/meeting; null: never' }) days_since_touch: number | null;
  @ApiProperty() open_deals: number;
  @ApiProperty({ description: 'Deals lost in the last 180 days' }) lost_deals_180d: number;
  @ApiProperty({ description: 'Issued invoices unpaid past their term' }) overdue_invoices: number;
  @ApiProperty({ description: 'Tasks of its deals not done and past due' }) overdue_tasks: number;
}

export class ChurnRiskPageDto extends PageOf(ChurnRiskDto) {}

/** `GET /insights/mapping-suggestions?entry_ids=`: the entries of the review queue being shown. */
export class MappingSuggestionsQueryDto {
  @ApiProperty({ type: String, description: `Comma-separated time entry ids (at most ${MAX_PAGE_SIZE})`, example: '0190c2a4-…,0190c2a5-…' })
  @Transform(({ value }) => (typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter(Boolean) : value))
  @IsArray({ message: 'entry_ids must be a comma-separated list of UUIDs' })
  @ArrayMinSize(1, { message: 'entry_ids must name at least one time entry' })
  @ArrayMaxSize(MAX_PAGE_SIZE, { message: `entry_ids must name at most ${MAX_PAGE_SIZE} time entries` })
  @IsUUID('all', { each: true, message: 'entry_ids must be a comma-separated list of UUIDs' })
  entry_ids: string[];
}

export class MappingSuggestionDto {
  @ApiProperty({ format: 'uuid' }) entry_id: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The suggested open deal; null when no past decision speaks for one' }) deal_id: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Posterior probability of the deal among the open deals reviewers assigned to (0..1)' }) confidence: number | null;
  @ApiProperty({ type: [String], description: 'The entry\'s tokens seen with that deal in past decisions, strongest first (e.g. tag:design, word:acme)' }) because: string[];
}

export class MappingSuggestionsDto {
  @ApiProperty({ description: 'Review decisions (entries mapped by hand) the suggestions learned from' }) decisions: number;
  @ApiProperty({ type: [MappingSuggestionDto], description: 'One per entry id of this organization, in the order asked; ids of no entry of the organization are left out' }) data: MappingSuggestionDto[];
}

export const DEAL_HEALTH_CODE_NAMES = ['idle_late_stage', 'effort_above_won', 'budget_ahead_of_timeline'] as const;
export type DealHealthCodeDto = (typeof DEAL_HEALTH_CODE_NAMES)[number];

/** `GET /insights/deal-health`: open deals with their health signals, most signals first. */
export class DealHealthQueryDto extends InsightsPageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only this deal (the deal page); a closed deal or one of another organization gives an empty page' })
  @IsOptional()
  @IsUUID('all', { message: 'deal_id must be a UUID' })
  deal_id?: string;
}

/** One health signal of a deal: what, in words, and the numbers behind it. */
export class DealHealthSignalDto {
  @ApiProperty({ enum: DEAL_HEALTH_CODE_NAMES }) code: DealHealthCodeDto;
  @ApiProperty({ example: 'Negotiation, no hours in 21 days' }) message: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    description: 'The figures behind the sentence, by name (days_without_hours; hours, median_hours, multiple, won_peers; budget_used_percent, timeline_percent, used_hours, budget_hours)',
    example: { days_without_hours: 21 },
  })
  numbers: Record<string, number>;
}

export class DealHealthDto {
  @ApiProperty({ format: 'uuid' }) deal_id: string;
  @ApiProperty() deal_name: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) account_id: string | null;
  @ApiProperty() stage: string;
  @ApiProperty({ type: [DealHealthSignalDto], description: 'Empty: nothing to flag' }) signals: DealHealthSignalDto[];
}

export class DealHealthPageDto extends PageOf(DealHealthDto) {}

/** `deal.health_changed`: the worker's scoring found a different set of health signals on an open deal than at its last run. */
export interface DealHealthChangedPayload {
  deal_id: string;
  deal_name: string;
  /** The codes at the last scoring (none before the first). */
  from_codes: DealHealthCodeDto[];
  to_codes: DealHealthCodeDto[];
  /** The signals now, with their sentences and numbers. */
  signals: DealHealthSignalDto[];
}

/** `account.churn_risk_changed`: the worker's scoring found an account in another risk band (high, medium, low) than at its last run. */
export interface AccountChurnRiskChangedPayload {
  account_id: string;
  account_name: string;
  /** The band at the last scoring (low before the first). */
  from_level: 'high' | 'medium' | 'low';
  to_level: 'high' | 'medium' | 'low';
  risk: number;
  /** The reasons now, largest effect first. */
  reasons: string[];
}
