import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsDate, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min, MinDate } from 'class-validator';
import { PageOf } from './page.dto';
import { Role, ROLES } from './roles';

export class CreateApiKeyDto {
  @ApiProperty({ example: 'Productivity sync' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role: Role;

  @ApiPropertyOptional({ minimum: 1, maximum: 100000, description: 'Requests per minute; default 600' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100000)
  rate_limit_per_minute?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 100000000, description: 'Requests per UTC day; default API_KEY_DEFAULT_DAILY_QUOTA (100,000)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100000000)
  daily_quota?: number;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  @MinDate(() => new Date(), { message: 'expires_at must be in the future' })
  expires_at?: Date;
}

export class ApiKeyDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ description: 'The public start of the key, e.g. ck_1a2b3c4d' })
  prefix: string;

  @ApiProperty({ enum: ROLES })
  role: Role;

  @ApiProperty({ type: Number })
  rate_limit_per_minute: number;

  @ApiProperty({ type: Number, description: 'Requests per UTC day' })
  daily_quota: number;

  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  expires_at: string | null;

  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  revoked_at: string | null;

  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  last_used_at: string | null;

  @ApiProperty({ format: 'date-time' })
  created_at: string;
}

export class CreatedApiKeyDto extends ApiKeyDto {
  @ApiProperty({ description: 'The whole key. Shown once: only its hash is stored.' })
  key: string;
}

export class ApiKeyListDto extends PageOf(ApiKeyDto) {}
