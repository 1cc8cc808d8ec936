import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { IsNumberWithDecimals, OptionalNotNull, stacked, Trim } from './validation';

/** What a stage means: `open` deals are in progress; entering a `won` or `lost` stage closes the deal. */
export const STAGE_KINDS = ['open', 'won', 'lost'] as const;
export type StageKind = (typeof STAGE_KINDS)[number];

/** The most stages one pipeline holds. */
export const MAX_PIPELINE_STAGES = 30;

/** A stage key: lower-case letters, digits and `_`, starting with a letter (what a deal's `stage` holds). */
export const STAGE_KEY = /^[a-z][a-z0-9_]{0,39}$/;

/**
 * The stages every organization's default pipeline starts with: exactly the stage names of the
 * API before pipelines (docs/pipelines.md), with the probabilities the weighted pipeline used.
 */
export const DEFAULT_PIPELINE_STAGES: readonly { key: string; name: string; probability: number; kind: StageKind }[] = [
  { key: 'prospecting', name: 'Prospecting', probability: 0.1, kind: 'open' },
  { key: 'qualification', name: 'Qualification', probability: 0.25, kind: 'open' },
  { key: 'proposal', name: 'Proposal', probability: 0.5, kind: 'open' },
  { key: 'negotiation', name: 'Negotiation', probability: 0.75, kind: 'open' },
  { key: 'won', name: 'Won', probability: 1, kind: 'won' },
  { key: 'lost', name: 'Lost', probability: 0, kind: 'lost' },
];
export const DEFAULT_PIPELINE_NAME = 'Sales';

/** A stage key made from a name: "Discovery call" -> "discovery_call". */
export function stageKeyOf(name: string): string {
  const slug = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 36);
  return /^[a-z]/.test(slug) ? slug : `s_${slug}`.replace(/_+$/, '') || 's';
}

/** The name of a pipeline or a stage: trimmed, not empty, at most 100 characters. */
const NameRules = () => stacked(Trim(), IsString({ message: 'name must be a string' }), IsNotEmpty({ message: 'name must not be empty' }), MaxLength(100));

/** A stage's probability: 0 to 1 with at most 4 decimals. */
const ProbabilityRules = () =>
  stacked(
    IsNumberWithDecimals(4, { message: 'probability must be a number from 0 to 1 with at most 4 decimals' }),
    Min(0, { message: 'probability must be a number from 0 to 1' }),
    Max(1, { message: 'probability must be a number from 0 to 1' }),
  );

export class PipelineStageDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'proposal', description: "What a deal's `stage` holds; fixed once created" }) key: string;
  @ApiProperty({ example: 'Proposal' }) name: string;
  @ApiProperty({ description: 'Order in the pipeline, from 0' }) position: number;
  @ApiProperty({ example: 0.5, description: 'Chance a deal in this stage is won (0 to 1), used for the weighted pipeline value' }) probability: number;
  @ApiProperty({ enum: STAGE_KINDS }) kind: StageKind;
  @ApiProperty({ description: 'Deals now in this stage' }) deal_count: number;
}

export class PipelineDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'New deals without pipeline_id go here; exactly one per organization' }) is_default: boolean;
  @ApiProperty({ type: [PipelineStageDto], description: 'In order' }) stages: PipelineStageDto[];
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;
}

export class PipelineListDto {
  @ApiProperty({ type: [PipelineDto], description: 'The default pipeline first, then by name' }) data: PipelineDto[];
}

export class CreatePipelineStageDto {
  @ApiPropertyOptional({ example: 'discovery', description: 'Lower-case letters, digits, _; unique in the pipeline. Default: made from the name' })
  @OptionalNotNull()
  @IsString()
  @Matches(STAGE_KEY, { message: 'key must start with a lower-case letter and hold only a-z, 0-9 and _ (at most 40)' })
  key?: string;

  @ApiProperty({ example: 'Discovery' })
  @NameRules()
  name: string;

  @ApiProperty({ example: 0.2, minimum: 0, maximum: 1, description: 'At most 4 decimals' })
  @ProbabilityRules()
  probability: number;

  @ApiProperty({ enum: STAGE_KINDS })
  @IsIn(STAGE_KINDS, { message: 'kind must be open, won or lost' })
  kind: StageKind;
}

/** `POST /pipelines/{id}/stages`: a stage added at `position` (default: after the last open stage). */
export class AddPipelineStageDto extends CreatePipelineStageDto {
  @ApiPropertyOptional({ minimum: 0, description: 'Where it goes (0: first); the stages from there move one down. Default: after the last open stage' })
  @OptionalNotNull()
  @Type(() => Number)
  @IsNumberWithDecimals(0, { message: 'position must be a whole number' })
  @Min(0, { message: 'position must be 0 or more' })
  position?: number;
}

export class PatchPipelineStageDto {
  @ApiPropertyOptional({ example: 'Discovery call' })
  @OptionalNotNull()
  @NameRules()
  name?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 1 })
  @OptionalNotNull()
  @ProbabilityRules()
  probability?: number;

  @ApiPropertyOptional({ enum: STAGE_KINDS, description: 'Only while no deal is in the stage (409 otherwise)' })
  @OptionalNotNull()
  @IsIn(STAGE_KINDS, { message: 'kind must be open, won or lost' })
  kind?: StageKind;
}

export class CreatePipelineDto {
  @ApiProperty({ example: 'Renewals' })
  @NameRules()
  name: string;

  @ApiProperty({
    type: [CreatePipelineStageDto],
    maxItems: MAX_PIPELINE_STAGES,
    minItems: 3,
    description: 'In order; at least one open, one won and one lost stage; keys unique',
  })
  @IsArray({ message: 'stages must be an array' })
  @ArrayMinSize(3, { message: 'stages must hold at least one open, one won and one lost stage' })
  @ArrayMaxSize(MAX_PIPELINE_STAGES, { message: `stages must hold at most ${MAX_PIPELINE_STAGES} stages` })
  @ValidateNested({ each: true })
  @Type(() => CreatePipelineStageDto)
  stages: CreatePipelineStageDto[];

  @ApiPropertyOptional({ default: false, description: 'Make it the default pipeline (the previous default stops being one)' })
  @OptionalNotNull()
  @IsBoolean({ message: 'is_default must be true or false' })
  is_default?: boolean;
}

export class PatchPipelineDto {
  @ApiPropertyOptional()
  @OptionalNotNull()
  @NameRules()
  name?: string;

  @ApiPropertyOptional({ description: 'true makes it the default (the previous default stops being one); false is refused (make another the default instead)' })
  @OptionalNotNull()
  @IsBoolean({ message: 'is_default must be true or false' })
  is_default?: boolean;
}

/** `PUT /pipelines/{id}/stage-order`: every stage key of the pipeline, once, in the new order. */
export class PipelineStageOrderDto {
  @ApiProperty({ type: [String], maxItems: MAX_PIPELINE_STAGES, example: ['prospecting', 'proposal', 'qualification', 'negotiation', 'won', 'lost'] })
  @IsArray({ message: 'keys must be an array' })
  @ArrayMaxSize(MAX_PIPELINE_STAGES, { message: `keys must hold at most ${MAX_PIPELINE_STAGES} keys` })
  @IsString({ each: true, message: 'keys must be stage keys' })
  keys: string[];
}

export class DeletePipelineStageQueryDto {
  @ApiPropertyOptional({ example: 'proposal', description: "Another stage of the same pipeline: the stage's deals move there first. Without it, a stage holding deals is a 409" })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  move_to?: string;
}
