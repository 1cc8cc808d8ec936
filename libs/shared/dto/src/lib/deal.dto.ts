import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { BILLING_MODELS, BillingModelValue, RetainerTermsDto } from './deal-billing-model.dto';
import { IsIn, IsISO8601, IsObject, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateIf, ValidateNested } from 'class-validator';
import { PageOf, PageQueryDto } from './page.dto';
import { OptionalNotNull, OptionalText, NullableUuid, OptionalUuid, OptionalMetadata, RequiredText } from './validation';
import { STAGE_KEY } from './pipeline.dto';
import { CustomFieldFilters, CustomFieldsRead, CustomFieldsWrite, type CustomFieldValues } from './custom-fields.dto';

/**
 * The default pipeline's stage keys, in order (every organization's first pipeline; the stage
 * names of the API before pipelines). Other pipelines have their own keys (docs/pipelines.md).
 */
export const DEAL_STAGES = ['prospecting', 'qualification', 'proposal', 'negotiation', 'won', 'lost'] as const;
/** A stage key of the deal's pipeline. */
export type DealStage = string;
export const CLOSED_DEAL_STAGES = ['won', 'lost'] as const;
export type DealOutcome = (typeof CLOSED_DEAL_STAGES)[number];
/** Whether a default-pipeline stage key is won or lost (other pipelines: the stage's `kind`). */
export const isClosedStage = (stage: string): stage is DealOutcome => (CLOSED_DEAL_STAGES as readonly string[]).includes(stage);
const STAGE_DESCRIPTION = "A stage key of the deal's pipeline (GET /pipelines); in the default pipeline one of prospecting, qualification, proposal, negotiation, won, lost";

/** ISO 4217 codes this runtime knows (Intl), upper-case. */
export const CURRENCIES: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));

/** A non-negative amount with at most 2 decimals and at most 16 integer digits (numeric(18, 2)). */
export const DECIMAL_AMOUNT = /^\d{1,16}(\.\d{1,2})?$/;

/** A positive amount with at most 2 decimals (an hours budget fits numeric(10, 2), a money budget numeric(18, 2)). */
const HOURS_BUDGET = /^(?!0+(\.0{1,2})?$)\d{1,8}(\.\d{1,2})?$/;
const MONEY_BUDGET = /^(?!0+(\.0{1,2})?$)\d{1,16}(\.\d{1,2})?$/;
export const BUDGET_PERIODS = ['life', 'month'] as const;
export type BudgetPeriod = (typeof BUDGET_PERIODS)[number];

/** A calendar date, YYYY-MM-DD. */
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** Accepts a JSON number as well as a decimal string: 1234.5 -> "1234.5" (the database keeps 2 decimals). */
const AmountToString = () =>
  Transform(({ value }) => {
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
    return typeof value === 'string' ? value.trim() : value;
  });

const UpperCase = () => Transform(({ value }) => (typeof value === 'string' ? value.trim().toUpperCase() : value));

export class DealDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) account_id: string | null;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) description: string | null;
  @ApiProperty({ example: '12500.00', description: 'Decimal string with 2 decimals' }) value: string;
  @ApiProperty({ example: 'USD', description: 'ISO 4217 code' }) currency: string;
  @ApiProperty({ format: 'uuid', description: 'The pipeline the deal is in' }) pipeline_id: string;
  @ApiProperty({ type: String, example: 'proposal', description: STAGE_DESCRIPTION }) stage: DealStage;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) owner_id: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date', example: '2026-01-31' }) start_date: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) end_date: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'When the deal was won or lost; null while open' }) closed_at: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The reason given when the deal was closed' }) close_reason: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) metadata: Record<string, unknown>;
  @ApiProperty({ nullable: true, type: String, example: '120.00', description: 'Hours budget (decimal string); null: none' }) hours_budget: string | null;
  @ApiProperty({ nullable: true, type: String, example: '15000.00', description: "Money budget in the deal's currency, against the billable value of its time; null: none" }) money_budget: string | null;
  @ApiProperty({ enum: BUDGET_PERIODS, description: 'life: the budgets cover the whole deal; month: each calendar month (UTC)' }) budget_period: BudgetPeriod;
  @ApiProperty({ enum: BILLING_MODELS, description: 'hourly: time at the rates; fixed: milestones; retainer: hours per month at a price (docs/billing-models.md)' }) billing_model: BillingModelValue;
  @ApiProperty({ nullable: true, type: RetainerTermsDto, description: 'The retainer terms; null unless billing_model is retainer' }) retainer: RetainerTermsDto | null;
  @CustomFieldsRead() custom_fields: CustomFieldValues;
  @ApiProperty({ description: 'Increments on every change; send it back in If-Match to avoid lost updates' }) version: number;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;
}

export class DealPageDto extends PageOf(DealDto) {}

/**
 * POST and PUT body. PUT replaces every field: omitted optional fields become null, or their
 * default (value 0, currency USD, stage prospecting). Moving `stage` to won/lost closes the
 * deal (closed_at is set); moving it back to an open stage reopens it.
 */
export class CreateDealDto {
  @RequiredText(300, { example: 'Acme rollout' })
  name: string;

  @OptionalText(10000)
  description?: string | null;

  @ApiPropertyOptional({
    oneOf: [{ type: 'string', example: '12500.00' }, { type: 'number', example: 12500 }],
    description: 'Non-negative, at most 2 decimals; a JSON number is accepted and stored as a decimal string. Default 0',
  })
  @AmountToString()
  @OptionalNotNull()
  @IsString({ message: 'value must be a decimal string such as "1234.50"' })
  @Matches(DECIMAL_AMOUNT, { message: 'value must be a non-negative decimal with at most 2 decimals (and 16 digits before the point), e.g. "1234.50"' })
  value?: string;

  @ApiPropertyOptional({ example: 'EUR', description: 'ISO 4217 code (case-insensitive). Default USD' })
  @UpperCase()
  @OptionalNotNull()
  @IsIn([...CURRENCIES], { message: 'currency must be an ISO 4217 currency code such as USD' })
  currency?: string;

  @ApiPropertyOptional({ type: String, example: 'prospecting', description: `${STAGE_DESCRIPTION}. Default: the pipeline's first stage (400 naming stage when it is not one of the pipeline's)` })
  @OptionalNotNull()
  @IsString({ message: 'stage must be a stage key of the pipeline' })
  @Matches(STAGE_KEY, { message: 'stage must be a stage key of the pipeline (lower-case letters, digits and _), e.g. prospecting' })
  stage?: DealStage;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      "A pipeline of this organization (400 naming pipeline_id otherwise). Default: the organization's default pipeline on create, the deal's pipeline on update. Moving a deal to another pipeline without a stage maps its stage (docs/pipelines.md)",
  })
  @OptionalNotNull()
  @IsUUID('all', { message: 'pipeline_id must be a UUID' })
  pipeline_id?: string;

  @NullableUuid({ description: 'An account of this organization (422 otherwise)' })
  account_id?: string | null;

  @NullableUuid({ description: 'Defaults to the creating user' })
  owner_id?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, format: 'date', example: '2026-01-01' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Matches(DATE_ONLY, { message: 'start_date must be a date (YYYY-MM-DD)' })
  @IsISO8601({ strict: true }, { message: 'start_date must be a date (YYYY-MM-DD)' })
  start_date?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, format: 'date', example: '2026-03-31', description: 'Not before start_date' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Matches(DATE_ONLY, { message: 'end_date must be a date (YYYY-MM-DD)' })
  @IsISO8601({ strict: true }, { message: 'end_date must be a date (YYYY-MM-DD)' })
  end_date?: string | null;

  @OptionalMetadata()
  metadata?: Record<string, unknown>;

  @ApiPropertyOptional({ nullable: true, oneOf: [{ type: 'string', example: '120.00' }, { type: 'number', example: 120 }], description: 'Hours budget (> 0, at most 2 decimals); null: none' })
  @AmountToString()
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString({ message: 'hours_budget must be a decimal string such as "120.5"' })
  @Matches(HOURS_BUDGET, { message: 'hours_budget must be a positive number of hours with at most 2 decimals, e.g. "120.5"' })
  hours_budget?: string | null;

  @ApiPropertyOptional({ nullable: true, oneOf: [{ type: 'string', example: '15000.00' }, { type: 'number', example: 15000 }], description: "Money budget in the deal's currency (> 0, at most 2 decimals); null: none" })
  @AmountToString()
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString({ message: 'money_budget must be a decimal string such as "15000.00"' })
  @Matches(MONEY_BUDGET, { message: 'money_budget must be a positive amount with at most 2 decimals, e.g. "15000.00"' })
  money_budget?: string | null;

  @ApiPropertyOptional({ enum: BUDGET_PERIODS, default: 'life' })
  @OptionalNotNull()
  @IsIn(BUDGET_PERIODS, { message: 'budget_period must be life or month' })
  budget_period?: BudgetPeriod;

  @ApiPropertyOptional({ enum: BILLING_MODELS, default: 'hourly', description: 'retainer needs `retainer`; fixed bills the milestones at /deals/{id}/milestones' })
  @OptionalNotNull()
  @IsIn(BILLING_MODELS, { message: 'billing_model must be one of hourly, fixed, retainer' })
  billing_model?: BillingModelValue;

  @ApiPropertyOptional({ nullable: true, type: RetainerTermsDto, description: 'Required when billing_model is retainer; cleared when it is not' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsObject({ message: 'retainer must be an object' })
  @ValidateNested()
  @Type(() => RetainerTermsDto)
  retainer?: RetainerTermsDto | null;
  @CustomFieldsWrite()
  custom_fields?: CustomFieldValues;
}

/** PATCH body: only the fields sent change; name, value, currency and stage cannot be nulled. */
export class PatchDealDto extends PartialType(CreateDealDto, { skipNullProperties: false }) {}

export class CloseDealDto {
  @ApiProperty({ enum: CLOSED_DEAL_STAGES })
  @IsIn(CLOSED_DEAL_STAGES, { message: 'outcome must be won or lost' })
  outcome: DealOutcome;

  @OptionalText(2000, { example: 'Chose a competitor on price' })
  reason?: string | null;
}

export class DealQueryDto extends PageQueryDto {
  @OptionalUuid()
  account_id?: string;

  @OptionalUuid()
  owner_id?: string;

  @ApiPropertyOptional({ type: String, description: 'A stage key' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  stage?: DealStage;

  @OptionalUuid()
  pipeline_id?: string;

  @ApiPropertyOptional({ description: 'Matches the name, typo-tolerant' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @CustomFieldFilters()
  cf?: Record<string, string>;
}

export class DealStageHistoryEntryDto {
  @ApiProperty({ nullable: true, type: String, description: 'A stage key; null for the stage the deal was created in' }) from_stage: DealStage | null;
  @ApiProperty({ type: String, description: 'A stage key' }) to_stage: DealStage;
  @ApiProperty({ format: 'date-time' }) entered_at: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The user who moved the deal (null for an API key)' }) changed_by: string | null;
  @ApiProperty({ description: 'Time spent in to_stage: until the next change, or until now for the current stage (millisecond precision)', example: 86400.5 })
  seconds_in_stage: number;
}

export class DealStageHistoryDto {
  @ApiProperty({ type: [DealStageHistoryEntryDto], description: 'Oldest first' })
  data: DealStageHistoryEntryDto[];
}

/** The time logged on a deal by everyone, without who logged it (every role that reads the deal). */
export class DealTimeDto {
  @ApiProperty({ format: 'uuid' }) deal_id: string;
  @ApiProperty({ description: 'Number of time entries mapped to the deal' }) entries: number;
  @ApiProperty({ description: 'Whole seconds (integer)' }) seconds: number;
  @ApiProperty({ description: 'seconds / 3600 rounded half away from zero to 2 decimals', example: 12.5 }) hours: number;
  @ApiProperty({ description: 'Seconds of billable entries' }) billable_seconds: number;
  @ApiProperty({ description: 'Billable hours, rounded like hours' }) billable_hours: number;
}
