import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, Max, Min } from 'class-validator';

export const RETENTION_KINDS = ['time_entries', 'audit_logs', 'notes'] as const;
export type RetentionKind = (typeof RETENTION_KINDS)[number];
export const RETENTION_ACTIONS = ['delete', 'anonymize'] as const;
export type RetentionAction = (typeof RETENTION_ACTIONS)[number];
export const MAX_RETENTION_MONTHS = 1200;

/** One organization's rule for one kind of record: keep `keep_months`, then delete or anonymize. */
export class RetentionPolicyDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: RETENTION_KINDS }) kind: RetentionKind;
  @ApiProperty({ minimum: 1, maximum: MAX_RETENTION_MONTHS }) keep_months: number;
  @ApiProperty({ enum: RETENTION_ACTIONS }) action: RetentionAction;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'When the worker last applied the policy' }) last_applied_at: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Rows the last application deleted or anonymized' }) last_affected: number | null;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;
}

export class RetentionPolicyListDto {
  @ApiProperty({ type: [RetentionPolicyDto], description: 'The policies set, one per kind at most' }) data: RetentionPolicyDto[];
}

/** PUT body: the policy of the kind named in the path. */
export class PutRetentionPolicyDto {
  @ApiProperty({ minimum: 1, maximum: MAX_RETENTION_MONTHS, example: 24, description: 'Rows older than this many months are deleted or anonymized' })
  @Type(() => Number)
  @IsInt({ message: 'keep_months must be a whole number' })
  @Min(1, { message: 'keep_months must be at least 1' })
  @Max(MAX_RETENTION_MONTHS, { message: `keep_months must be at most ${MAX_RETENTION_MONTHS}` })
  keep_months: number;

  @ApiProperty({ enum: RETENTION_ACTIONS })
  @IsIn(RETENTION_ACTIONS, { message: `action must be one of: ${RETENTION_ACTIONS.join(', ')}` })
  action: RetentionAction;
}

/** What applying one policy now would change (dry run) or changed (worker). */
export class RetentionOutcomeDto {
  @ApiProperty({ enum: RETENTION_KINDS }) kind: RetentionKind;
  @ApiProperty({ enum: RETENTION_ACTIONS }) action: RetentionAction;
  @ApiProperty() keep_months: number;
  @ApiProperty({ format: 'date-time', description: 'Rows from before this instant are affected' }) cutoff: string;
  @ApiProperty({ description: 'Rows deleted or anonymized' }) affected: number;
  @ApiProperty({ description: 'Old time entries kept because they are on an invoice (legal retention); 0 for other kinds' }) skipped_invoiced: number;
}

export class RetentionDryRunDto {
  @ApiProperty({ type: [RetentionOutcomeDto], description: 'One per policy set; nothing is changed' }) data: RetentionOutcomeDto[];
}
