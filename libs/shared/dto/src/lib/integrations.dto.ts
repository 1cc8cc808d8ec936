import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUrl, IsUUID, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { PageOf, PageQueryDto } from './page.dto';
import { TASK_STATUS_VALUES, TaskStatusValue } from './task.dto';
import { OptionalNotNull, Trim, TrimToNull, RequiredText } from './validation';

export const INTEGRATION_PROVIDER_VALUES = ['productivity'] as const;
/** The longest grace period a rotated-out secret may keep (30 days). */
export const MAX_SECRET_GRACE_HOURS = 720;

const HTTP_URL = { protocols: ['http', 'https'], require_protocol: true, require_tld: false };
const BASE_URL_MESSAGE = 'base_url must be an absolute http(s) URL';

export class IntegrationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: INTEGRATION_PROVIDER_VALUES }) provider: 'productivity';
  @ApiProperty({ example: 'Productivity platform' }) name: string;
  @ApiProperty({ nullable: true, type: String, example: 'https://productivity.example.com' }) base_url: string | null;
  @ApiProperty({ description: 'A disabled integration\'s webhooks are refused (401)' }) enabled: boolean;
  @ApiProperty({ example: '/api/v1/webhooks/crm-event/0190c7a2-0000-7000-8000-000000000000', description: 'Where the platform sends its signed events' }) webhook_url: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'Until when the secret replaced by the last rotation is still accepted' }) previous_secret_expires_at: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'When the last accepted event arrived' }) last_event_at: string | null;
  @ApiProperty({ description: 'Increments on every change; send it back in If-Match to avoid lost updates' }) version: number;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;
}

/** The answer of creation and rotation: the only two times the signing secret is shown. */
export class IntegrationWithSecretDto extends IntegrationDto {
  @ApiProperty({ example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', description: 'Standard Webhooks secret (`whsec_` + base64 of 32 bytes); shown only now' })
  signing_secret: string;
}

export class IntegrationPageDto extends PageOf(IntegrationDto) {}

export class CreateIntegrationDto {
  @ApiProperty({ enum: INTEGRATION_PROVIDER_VALUES })
  @IsIn(INTEGRATION_PROVIDER_VALUES, { message: `provider must be one of ${INTEGRATION_PROVIDER_VALUES.join(', ')}` })
  provider: 'productivity';

  @RequiredText(200, { example: 'Productivity platform' })
  name: string;

  @ApiPropertyOptional({ nullable: true, type: String, example: 'https://productivity.example.com', description: 'The platform\'s API; must be a public http(s) address' })
  @TrimToNull()
  @IsOptional()
  @IsUrl(HTTP_URL, { message: BASE_URL_MESSAGE })
  @MaxLength(2000)
  base_url?: string | null;
}

export class PatchIntegrationDto {
  @ApiPropertyOptional()
  @Trim()
  @OptionalNotNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ nullable: true, type: String })
  @TrimToNull()
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUrl(HTTP_URL, { message: BASE_URL_MESSAGE })
  @MaxLength(2000)
  base_url?: string | null;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsBoolean({ message: 'enabled must be true or false' })
  enabled?: boolean;
}

export class RotateIntegrationSecretDto {
  @ApiPropertyOptional({ minimum: 0, maximum: MAX_SECRET_GRACE_HOURS, description: 'How long the old secret stays valid; default INTEGRATION_SECRET_GRACE_HOURS, 0 = refused at once' })
  @OptionalNotNull()
  @Type(() => Number)
  @IsInt({ message: 'grace_period_hours must be a whole number of hours' })
  @Min(0, { message: 'grace_period_hours must be at least 0' })
  @Max(MAX_SECRET_GRACE_HOURS, { message: `grace_period_hours must be at most ${MAX_SECRET_GRACE_HOURS}` })
  grace_period_hours?: number;
}

export class IntegrationQueryDto extends PageQueryDto {}

export const CRM_EVENT_TYPES = ['time_entry.created', 'time_entry.updated', 'time_entry.deleted', 'task.updated', 'employee.updated'] as const;
export type CrmEventType = (typeof CRM_EVENT_TYPES)[number];

/** The signed body the productivity platform posts to its webhook URL (documented in docs/productivity-sync.md). */
export class CrmEventDto {
  @ApiProperty({ enum: CRM_EVENT_TYPES })
  type: CrmEventType;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'time_entry.created|updated: the body of POST /time-entries; time_entry.deleted: { external_id }; task.updated: { id, status?, title?, due_date?, updated_at }; employee.updated: { employee_id, email?, name? }' })
  data: Record<string, unknown>;
}

export class CrmEventReceiptDto {
  @ApiProperty({ enum: ['processed', 'duplicate'], description: 'duplicate: this webhook-id was processed before; nothing was done again' })
  status: 'processed' | 'duplicate';

  @ApiProperty({ enum: CRM_EVENT_TYPES }) type: CrmEventType;

  @ApiPropertyOptional({ description: 'What the event did, e.g. created, updated, existing, deleted, not_found, linked, no_user' })
  result?: string;
}

/** `time_entry.deleted` data. */
export class TimeEntryDeletedEventDto {
  @Trim()
  @IsString({ message: 'external_id must be a string' })
  @IsNotEmpty({ message: 'external_id must not be empty' })
  @MaxLength(200)
  external_id: string;
}

/** `employee.updated` data: the employee is linked to the organization's user with this email. */
export class EmployeeUpdatedEventDto {
  @Trim()
  @IsString({ message: 'employee_id must be a string' })
  @IsNotEmpty({ message: 'employee_id must not be empty' })
  @MaxLength(200)
  employee_id: string;

  @TrimToNull()
  @IsOptional()
  @IsString({ message: 'email must be a string' })
  @MaxLength(320)
  email?: string | null;

  @TrimToNull()
  @IsOptional()
  @IsString({ message: 'name must be a string' })
  @MaxLength(300)
  name?: string | null;
}

/** `task.updated` data: the platform's change to a CRM task (applied as a PATCH of those fields). */
export class TaskUpdatedEventDto {
  @IsUUID(undefined, { message: 'id must be the UUID of a CRM task' })
  id: string;

  @OptionalNotNull()
  @IsIn(TASK_STATUS_VALUES, { message: `status must be one of ${TASK_STATUS_VALUES.join(', ')}` })
  status?: TaskStatusValue;

  @Trim()
  @OptionalNotNull()
  @IsString({ message: 'title must be a string' })
  @IsNotEmpty({ message: 'title must not be empty' })
  @MaxLength(500)
  title?: string;

  @TrimToNull()
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'due_date must be an ISO-8601 date or date-time' })
  due_date?: string | null;

  @IsISO8601({ strict: true }, { message: 'updated_at must be an ISO-8601 date-time' })
  updated_at: string;
}
