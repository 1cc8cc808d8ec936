import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { CreateMappingRuleDto } from './mapping-rule.dto';
import { Trim } from './validation';

/** Mapping that learns (docs/insights.md): rule precision, suggested rules, auto-applied suggestions. */

export class RulePrecisionDto {
  @ApiProperty({ format: 'uuid' }) rule_id: string;
  @ApiProperty() name: string;
  @ApiProperty() enabled: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) deal_id: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) task_id: string | null;
  @ApiProperty({ description: 'Time entries the rule mapped (the last rule that mapped each, as it is now)' }) mapped: number;
  @ApiProperty({ description: 'Of those, on the deal and task the rule gave them' }) stayed: number;
  @ApiProperty({ description: 'Of those, assigned elsewhere by a person (review queue)' }) reassigned: number;
  @ApiProperty({ nullable: true, type: Number, description: 'stayed / mapped (4 decimals); null while the rule mapped nothing' }) precision: number | null;
}

export class RulePrecisionListDto {
  @ApiProperty({ type: [RulePrecisionDto], description: 'Every mapping rule of the organization, in the order rules are tried' }) data: RulePrecisionDto[];
}

export const SUGGESTED_RULE_KINDS = ['project_name', 'tag', 'activity_type', 'employee_id', 'user_id'] as const;
export type SuggestedRuleKind = (typeof SUGGESTED_RULE_KINDS)[number];
/** How many times people must have assigned a pattern the same way, by default. */
export const DEFAULT_SUGGESTED_RULE_MIN_DECISIONS = 5;

export class SuggestedRulesQueryDto {
  @ApiPropertyOptional({ minimum: 2, maximum: 1000, default: DEFAULT_SUGGESTED_RULE_MIN_DECISIONS, description: 'N: the least number of review decisions of a pattern to one deal' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'min_decisions must be an integer' })
  @Min(2, { message: 'min_decisions must be at least 2' })
  @Max(1000, { message: 'min_decisions must be at most 1000' })
  min_decisions?: number;
}

export class SuggestedRuleDto {
  @ApiProperty({ enum: SUGGESTED_RULE_KINDS }) kind: SuggestedRuleKind;
  @ApiProperty({ description: 'The pattern, lower-cased for names and tags', example: 'acme website' }) value: string;
  @ApiProperty({ format: 'uuid', description: 'The open deal people assigned the pattern to' }) deal_id: string;
  @ApiProperty({ description: 'Review decisions of the pattern to this deal' }) decisions: number;
  @ApiProperty({ description: 'Review decisions of the pattern to any deal' }) pattern_decisions: number;
  @ApiProperty({ type: CreateMappingRuleDto, description: 'The body that creates the rule with POST /mapping-rules' }) rule: CreateMappingRuleDto;
}

export class SuggestedRulesDto {
  @ApiProperty() min_decisions: number;
  @ApiProperty({ type: [SuggestedRuleDto], description: 'Most decisions first' }) data: SuggestedRuleDto[];
}

export class DismissSuggestedRuleDto {
  @ApiProperty({ enum: SUGGESTED_RULE_KINDS })
  @IsIn(SUGGESTED_RULE_KINDS, { message: `kind must be one of: ${SUGGESTED_RULE_KINDS.join(', ')}` })
  kind: SuggestedRuleKind;

  @ApiProperty({ maxLength: 300 })
  @Trim()
  @IsString({ message: 'value must be text' })
  @IsNotEmpty({ message: 'value must not be empty' })
  @MaxLength(300, { message: 'value must be at most 300 characters' })
  value: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'deal_id must be a UUID' })
  deal_id: string;
}

export class AutoApplyRunDto {}

export class AutoApplyResultDto {
  @ApiProperty({ description: "The organization's setting auto_apply_suggestions (nothing is applied while it is off)" }) enabled: boolean;
  @ApiProperty() confidence_threshold: number;
  @ApiProperty({ description: 'Unmapped entries whose suggestion was applied' }) applied: number;
}
