import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEmail, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PageOf, PageQueryDto } from './page.dto';
import { PHONE, TrimToNull, OptionalText, NullableUuid, OptionalUuid, OptionalMetadata, RequiredText } from './validation';
import { CustomFieldFilters, CustomFieldsRead, CustomFieldsWrite, type CustomFieldValues } from './custom-fields.dto';

export const MAX_CONTACT_TAGS = 50;
export const MAX_TAG_LENGTH = 50;

export class ContactDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) account_id: string | null;
  @ApiProperty() first_name: string;
  @ApiProperty({ nullable: true, type: String }) last_name: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'email', description: 'Stored trimmed and lower-cased' }) email: string | null;
  @ApiProperty({ nullable: true, type: String }) phone: string | null;
  @ApiProperty({ nullable: true, type: String }) job_title: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) owner_id: string | null;
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty({ type: 'object', additionalProperties: true }) metadata: Record<string, unknown>;
  @CustomFieldsRead() custom_fields: CustomFieldValues;
  @ApiProperty({ description: 'Increments on every change; send it back in If-Match to avoid lost updates' }) version: number;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;
}

export class ContactPageDto extends PageOf(ContactDto) {}

/** Trims and lower-cases an email address; an empty one is a cleared field (null). */
const NormalizeEmail = () =>
  Transform(({ value }) => {
    if (typeof value !== 'string') return value;
    const trimmed = value.trim().toLowerCase();
    return trimmed === '' ? null : trimmed;
  });

/** Trims each tag and drops repeats (first occurrence wins); anything else is left for the validators. */
const NormalizeTags = () =>
  Transform(({ value }) => {
    if (!Array.isArray(value)) return value;
    const seen = new Set<unknown>();
    return value.map((t) => (typeof t === 'string' ? t.trim() : t)).filter((t) => (seen.has(t) ? false : (seen.add(t), true)));
  });

/** POST and PUT body (PUT replaces every field: omitted optional fields become null or empty). */
export class CreateContactDto {
  @RequiredText(200, { example: 'Ada' })
  first_name: string;

  @OptionalText(200, { example: 'Lovelace' })
  last_name?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, format: 'email', example: 'ada@acme.test', description: 'Stored trimmed and lower-cased' })
  @NormalizeEmail()
  @IsOptional()
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(320)
  email?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, example: '+1 555 0100' })
  @TrimToNull()
  @IsOptional()
  @Matches(PHONE, { message: 'phone must be a phone number (digits, spaces, + - . ( ))' })
  phone?: string | null;

  @OptionalText(200, { example: 'CTO' })
  job_title?: string | null;

  @NullableUuid({ description: 'An account of this organization (422 otherwise)' })
  account_id?: string | null;

  @NullableUuid({ description: 'Defaults to the creating user' })
  owner_id?: string | null;

  @ApiPropertyOptional({ type: [String], maxItems: MAX_CONTACT_TAGS, example: ['vip', 'newsletter'], description: `Trimmed and deduplicated; at most ${MAX_CONTACT_TAGS}, each 1–${MAX_TAG_LENGTH} characters` })
  @NormalizeTags()
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_CONTACT_TAGS, { message: `tags must contain at most ${MAX_CONTACT_TAGS} tags` })
  @IsString({ each: true, message: 'each tag must be a string' })
  @IsNotEmpty({ each: true, message: 'each tag must be non-empty' })
  @MaxLength(MAX_TAG_LENGTH, { each: true, message: `each tag must be at most ${MAX_TAG_LENGTH} characters` })
  tags?: string[];

  @OptionalMetadata()
  metadata?: Record<string, unknown>;

  @CustomFieldsWrite()
  custom_fields?: CustomFieldValues;
}

/** PATCH body: only the fields sent change; a required field (first_name) cannot be cleared with null. */
export class PatchContactDto extends PartialType(CreateContactDto, { skipNullProperties: false }) {}

export class ContactQueryDto extends PageQueryDto {
  @OptionalUuid()
  account_id?: string;

  @OptionalUuid()
  owner_id?: string;

  @ApiPropertyOptional({ description: 'Matches first name and last name, typo-tolerant, or a whole email address exactly (emails are encrypted at rest)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ format: 'email', description: 'Contacts with exactly this email (case and surrounding spaces ignored)' })
  @IsOptional()
  @IsString({ message: 'email must be a string' })
  @MaxLength(320, { message: 'email must be at most 320 characters' })
  email?: string;

  @CustomFieldFilters()
  cf?: Record<string, string>;
}
