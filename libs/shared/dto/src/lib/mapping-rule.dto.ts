import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { PageOf, PageQueryDto } from './page.dto';
import { OptionalNotNull, Trim, OptionalText, OptionalUuid } from './validation';

export const MAPPING_RULE_PROJECT_MATCHES = ['equals', 'contains'] as const;
export const MAPPING_RULE_ACTIVITY_TYPES = ['app', 'website', 'manual'] as const;
/** The criteria a rule made from an assignment may copy from its entry. */
export const MAPPING_RULE_MATCH_ON = ['project_name', 'tags', 'employee', 'activity_type'] as const;
export type MappingRuleMatchOn = (typeof MAPPING_RULE_MATCH_ON)[number];
export const MAX_MAPPING_RULE_TAGS = 20;
export const DEFAULT_MAPPING_RULE_PRIORITY = 100;

export class MappingRuleDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'Lower runs first; ties: the older rule first' }) priority: number;
  @ApiProperty() enabled: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'Compared case-insensitively' }) project_name: string | null;
  @ApiProperty({ enum: MAPPING_RULE_PROJECT_MATCHES }) project_match: 'equals' | 'contains';
  @ApiProperty({ type: [String], description: 'Every tag must be on the entry (case-insensitive)' }) tags: string[];
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The entry is this user\'s' }) user_id: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The entry carries this employee_id' }) employee_id: string | null;
  @ApiProperty({ nullable: true, enum: MAPPING_RULE_ACTIVITY_TYPES }) activity_type: 'app' | 'website' | 'manual' | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) deal_id: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) task_id: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) created_by: string | null;
  @ApiProperty({ description: 'Increments on every change; send it back in If-Match to avoid lost updates' }) version: number;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;
}

export class MappingRulePageDto extends PageOf(MappingRuleDto) {}

/** Trims each tag and drops repeats, case-insensitively (first spelling wins). */
const NormalizeTags = () =>
  Transform(({ value }) => {
    if (!Array.isArray(value)) return value;
    const seen = new Set<unknown>();
    return value
      .map((t) => (typeof t === 'string' ? t.trim() : t))
      .filter((t) => {
        const key = typeof t === 'string' ? t.toLowerCase() : t;
        return seen.has(key) ? false : (seen.add(key), true);
      });
  });

/**
 * POST body. Criteria (all that are set must hold): project_name, tags, user_id, employee_id,
 * activity_type — at least one. Targets: deal_id and/or task_id — at least one.
 */
export class CreateMappingRuleDto {
  @ApiProperty({ example: 'Acme website work' })
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'name must not be empty' })
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ default: DEFAULT_MAPPING_RULE_PRIORITY, minimum: 0, maximum: 1_000_000, description: 'Lower runs first' })
  @OptionalNotNull()
  @IsInt({ message: 'priority must be an integer' })
  @Min(0)
  @Max(1_000_000)
  priority?: number;

  @ApiPropertyOptional({ default: true })
  @OptionalNotNull()
  @IsBoolean({ message: 'enabled must be true or false' })
  enabled?: boolean;

  @OptionalText(300, { example: 'Website relaunch' })
  project_name?: string | null;

  @ApiPropertyOptional({ enum: MAPPING_RULE_PROJECT_MATCHES, default: 'equals', description: 'How project_name is compared (case-insensitive)' })
  @OptionalNotNull()
  @IsIn(MAPPING_RULE_PROJECT_MATCHES, { message: `project_match must be one of: ${MAPPING_RULE_PROJECT_MATCHES.join(', ')}` })
  project_match?: 'equals' | 'contains';

  @ApiPropertyOptional({ type: [String], maxItems: MAX_MAPPING_RULE_TAGS, example: ['design'] })
  @NormalizeTags()
  @OptionalNotNull()
  @IsArray({ message: 'tags must be an array of strings' })
  @ArrayMaxSize(MAX_MAPPING_RULE_TAGS, { message: `tags must contain at most ${MAX_MAPPING_RULE_TAGS} tags` })
  @IsString({ each: true, message: 'each tag must be a string' })
  @IsNotEmpty({ each: true, message: 'each tag must be non-empty' })
  @MaxLength(100, { each: true, message: 'each tag must be at most 100 characters' })
  tags?: string[];

  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid', description: 'A user of this organization' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID(undefined, { message: 'user_id must be a UUID' })
  user_id?: string | null;

  @OptionalText(200, { description: 'The productivity platform\'s employee id' })
  employee_id?: string | null;

  @ApiPropertyOptional({ nullable: true, enum: MAPPING_RULE_ACTIVITY_TYPES })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsIn(MAPPING_RULE_ACTIVITY_TYPES, { message: `activity_type must be one of: ${MAPPING_RULE_ACTIVITY_TYPES.join(', ')}` })
  activity_type?: 'app' | 'website' | 'manual' | null;

  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID(undefined, { message: 'deal_id must be a UUID' })
  deal_id?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid', description: 'Its deal is used when deal_id is omitted; must be of deal_id when both are set' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID(undefined, { message: 'task_id must be a UUID' })
  task_id?: string | null;
}

/** PATCH: any subset of the fields (the rule must keep a criterion and a target). */
export class PatchMappingRuleDto extends PartialType(CreateMappingRuleDto, { skipNullProperties: false }) {}

export class MappingRuleQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['true', 'false'] })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'enabled must be true or false' })
  enabled?: 'true' | 'false';

  @OptionalUuid()
  deal_id?: string;
}

/** "Create a rule from this assignment": a rule matching the entry's own values, to the assignment's target. */
export class RuleFromAssignmentDto {
  @ApiPropertyOptional({ description: 'Defaults to a name made of the matched values' })
  @Trim()
  @IsOptional()
  @IsString()
  @IsNotEmpty({ message: 'create_rule.name must not be empty' })
  @MaxLength(200)
  name?: string;

  @ApiProperty({ type: [String], enum: MAPPING_RULE_MATCH_ON, maxItems: MAPPING_RULE_MATCH_ON.length, description: 'Which of the entry\'s values the rule matches on (employee: its user, else its employee_id)' })
  @IsArray({ message: 'match_on must be an array' })
  @ArrayMinSize(1, { message: 'match_on must name at least one criterion' })
  @ArrayUnique({ message: 'match_on must not repeat a criterion' })
  @IsIn(MAPPING_RULE_MATCH_ON, { each: true, message: `match_on must contain only: ${MAPPING_RULE_MATCH_ON.join(', ')}` })
  match_on: MappingRuleMatchOn[];

  @ApiPropertyOptional({ default: DEFAULT_MAPPING_RULE_PRIORITY, minimum: 0, maximum: 1_000_000 })
  @IsOptional()
  @IsInt({ message: 'priority must be an integer' })
  @Min(0)
  @Max(1_000_000)
  priority?: number;
}
