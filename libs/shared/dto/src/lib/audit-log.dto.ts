import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PageOf, PageQueryDto } from './page.dto';
import { OptionalUuid } from './validation';

export class AuditLogDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: ['user', 'api_key', 'integration', 'system', 'anonymous'] })
  actor_type: string;

  @ApiProperty({ nullable: true, type: String, format: 'uuid' })
  actor_id: string | null;

  @ApiProperty({ example: 'update', description: 'create, update, delete, login, login_failed, role_change, ...' })
  action: string;

  @ApiProperty({ example: 'user' })
  object_type: string;

  @ApiProperty({ nullable: true, type: String, format: 'uuid' })
  object_id: string | null;

  @ApiProperty({ type: 'object', additionalProperties: true, example: { role: { from: 'sales', to: 'manager' } } })
  changes: Record<string, unknown>;

  @ApiProperty({ nullable: true, type: String })
  request_id: string | null;

  @ApiProperty({ format: 'date-time' })
  timestamp: string;
}

export class AuditLogPageDto extends PageOf(AuditLogDto) {}

export class AuditLogQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'user' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  object_type?: string;

  @OptionalUuid()
  object_id?: string;

  @OptionalUuid()
  actor_id?: string;

  @ApiPropertyOptional({ example: 'update' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  action?: string;
}
