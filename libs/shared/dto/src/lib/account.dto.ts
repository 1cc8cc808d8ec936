import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsFQDN, IsOptional, IsString, IsUrl, Matches, MaxLength } from 'class-validator';
import { PageOf, PageQueryDto } from './page.dto';
import { PHONE, TrimToNull, NullableUuid, OptionalText, OptionalUuid, OptionalMetadata, RequiredText } from './validation';
import { CustomFieldFilters, CustomFieldsRead, CustomFieldsWrite, type CustomFieldValues } from './custom-fields.dto';

export class AccountDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) industry: string | null;
  @ApiProperty({ nullable: true, type: String }) address: string | null;
  @ApiProperty({ nullable: true, type: String }) phone: string | null;
  @ApiProperty({ nullable: true, type: String }) website: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'acme.com' }) domain: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) primary_contact_id: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) owner_id: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) metadata: Record<string, unknown>;
  @CustomFieldsRead() custom_fields: CustomFieldValues;
  @ApiProperty({ description: 'Increments on every change; send it back in If-Match to avoid lost updates' }) version: number;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;
}

export class AccountPageDto extends PageOf(AccountDto) {}

/** POST and PUT body (PUT replaces every field: omitted optional fields become null). */
export class CreateAccountDto {
  @RequiredText(300, { example: 'Acme Corp' })
  name: string;

  @OptionalText(200)
  industry?: string | null;

  @OptionalText(1000)
  address?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, example: '+1 555 0100' })
  @TrimToNull()
  @IsOptional()
  @Matches(PHONE, { message: 'phone must be a phone number (digits, spaces, + - . ( ))' })
  phone?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, example: 'https://acme.com' })
  @TrimToNull()
  @IsOptional()
  @IsUrl({ require_protocol: false }, { message: 'website must be a URL' })
  @MaxLength(500)
  website?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, example: 'acme.com' })
  @TrimToNull()
  @IsOptional()
  @IsFQDN({}, { message: 'domain must be a domain name such as acme.com' })
  domain?: string | null;

  @NullableUuid()
  primary_contact_id?: string | null;

  @NullableUuid({ description: 'Defaults to the creating user' })
  owner_id?: string | null;

  @OptionalMetadata()
  metadata?: Record<string, unknown>;

  @CustomFieldsWrite()
  custom_fields?: CustomFieldValues;
}

/** PATCH: any subset of the fields; `null` only where the field may be empty (400 otherwise). */
export class PatchAccountDto extends PartialType(CreateAccountDto, { skipNullProperties: false }) {}

export class AccountQueryDto extends PageQueryDto {
  @OptionalUuid()
  owner_id?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  industry?: string;

  @ApiPropertyOptional({ description: 'Matches the name, typo-tolerant' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @CustomFieldFilters()
  cf?: Record<string, string>;
}
