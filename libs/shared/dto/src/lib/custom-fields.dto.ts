import { applyDecorators } from '@nestjs/common';
import { ApiHideProperty, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsNotEmpty, IsObject, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateBy } from 'class-validator';
import { Trim, OptionalNotNull, OptionalOneOf } from './validation';

export const CUSTOM_FIELD_RECORD_TYPES = ['account', 'contact', 'deal', 'task'] as const;
export type CustomFieldRecordTypeValue = (typeof CUSTOM_FIELD_RECORD_TYPES)[number];
export const CUSTOM_FIELD_TYPES = ['text', 'number', 'money', 'date', 'single_select', 'multi_select', 'checkbox', 'url', 'user'] as const;
export type CustomFieldTypeValue = (typeof CUSTOM_FIELD_TYPES)[number];
/** A field's key: lower-case letters, digits and `_`, starting with a letter; at most 40 characters. */
export const CUSTOM_FIELD_KEY = /^[a-z][a-z0-9_]{0,39}$/;
export const MAX_CUSTOM_FIELDS_PER_TYPE = 50;
export const MAX_CUSTOM_FIELD_OPTIONS = 100;
export const MAX_CUSTOM_FIELD_FILTERS = 5;
/** Days a deleted field can be restored before housekeeping purges it and its values. */
export const CUSTOM_FIELD_RESTORE_DAYS = 30;
/** The list filter query parameter of a field: `cf.<key>=value`. */
export const CUSTOM_FIELD_FILTER_PREFIX = 'cf.';

/** A custom field value on the wire: text, number, boolean, a list of options, or null (cleared). */
export type CustomFieldValue = string | number | boolean | string[] | null;
export type CustomFieldValues = Record<string, CustomFieldValue>;

const VALUE_SCHEMA = {
  nullable: true,
  oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }, { type: 'array', items: { type: 'string' }, maxItems: MAX_CUSTOM_FIELD_OPTIONS }],
};

const CUSTOM_FIELDS_DESCRIPTION =
  "The record's custom fields by key (GET /custom-fields lists them): text, url, date (YYYY-MM-DD), " +
  'single_select (one of its options) and user (a user id) as strings; number and money (at most 2 decimals) as numbers; ' +
  'checkbox as a boolean; multi_select as an array of its options; null clears a value. ' +
  'An unknown key, a value of the wrong type or an option not in the list is a 400 naming `custom_fields.<key>`.';

/** The `custom_fields` of a record as it is read. */
export const CustomFieldsRead = () =>
  ApiProperty({ type: 'object', additionalProperties: VALUE_SCHEMA, description: CUSTOM_FIELDS_DESCRIPTION, example: { budget_code: 'BC-42', renewal: '2026-03-01' } });

/**
 * The `custom_fields` of a create or update body: an object of at most 50 keys; each value is
 * checked against the field's definition by the record's service (it needs the organization's
 * fields), which answers a 400 naming `custom_fields.<key>`. On PATCH only the keys sent change.
 */
export const CustomFieldsWrite = () =>
  applyDecorators(
    ApiPropertyOptional({ type: 'object', additionalProperties: VALUE_SCHEMA, maxProperties: MAX_CUSTOM_FIELDS_PER_TYPE, description: `${CUSTOM_FIELDS_DESCRIPTION} On PATCH only the keys sent change.` }),
    OptionalNotNull(),
    IsObject({ message: 'custom_fields must be an object of values by field key' }),
    ValidateBy({
      name: 'customFieldsSize',
      validator: {
        validate: (value: unknown) => typeof value === 'object' && value !== null && Object.keys(value).length <= MAX_CUSTOM_FIELDS_PER_TYPE,
        defaultMessage: () => `custom_fields must have at most ${MAX_CUSTOM_FIELDS_PER_TYPE} keys`,
      },
    }),
  );

/** The first bad `cf.<key>` filter (key shape, value, count), or null. */
export function badCustomFieldFilter(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'cf must be given as cf.<key>=value query parameters';
  const entries = Object.entries(value);
  if (entries.length > MAX_CUSTOM_FIELD_FILTERS) return `at most ${MAX_CUSTOM_FIELD_FILTERS} custom field filters (cf.<key>) may be given`;
  for (const [key, v] of entries) {
    if (!CUSTOM_FIELD_KEY.test(key)) return `cf.${key} is not a custom field key`;
    if (typeof v !== 'string' || v.length > 500) return `cf.${key} must be given once, at most 500 characters`;
  }
  return null;
}

/**
 * `cf.<key>=value` filters of a list (collected into `cf` by the custom fields' query
 * middleware): equality with the field's value, or membership for a multi_select. Not a
 * documented parameter of its own (its keys are the organization's): the list's description
 * names it.
 */
export const CustomFieldFilters = () =>
  applyDecorators(
    ApiHideProperty(),
    IsOptional(),
    ValidateBy({
      name: 'customFieldFilters',
      validator: { validate: (value: unknown) => badCustomFieldFilter(value) === null, defaultMessage: (args) => badCustomFieldFilter(args?.value) ?? 'cf is not valid' },
    }),
  );

export class CustomFieldDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: CUSTOM_FIELD_RECORD_TYPES }) record_type: CustomFieldRecordTypeValue;
  @ApiProperty({ example: 'budget_code', description: "Stable key of the values in records' custom_fields; never changes" }) key: string;
  @ApiProperty({ example: 'Budget code' }) label: string;
  @ApiProperty({ enum: CUSTOM_FIELD_TYPES }) type: CustomFieldTypeValue;
  @ApiProperty() required: boolean;
  @ApiProperty({ type: [String], maxItems: MAX_CUSTOM_FIELD_OPTIONS, description: 'The choices of a single_select or multi_select; empty otherwise' }) options: string[];
  @ApiProperty({ description: 'Order on forms (lowest first)' }) position: number;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: `When it was deleted; restorable for ${CUSTOM_FIELD_RESTORE_DAYS} days` }) deleted_at: string | null;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;
}

export class CustomFieldListDto {
  @ApiProperty({ type: [CustomFieldDto] }) data: CustomFieldDto[];
}

export class CustomFieldQueryDto {
  @OptionalOneOf(CUSTOM_FIELD_RECORD_TYPES)
  record_type?: CustomFieldRecordTypeValue;

  @ApiPropertyOptional({ enum: ['true', 'false'], default: 'false', description: `true: only the deleted fields still restorable (${CUSTOM_FIELD_RESTORE_DAYS} days)` })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'deleted must be true or false' })
  deleted?: 'true' | 'false';
}

/** Trims each option and drops repeats (first wins). */
const NormalizeOptions = () =>
  Transform(({ value }) => {
    if (!Array.isArray(value)) return value;
    const seen = new Set<unknown>();
    return value.map((o) => (typeof o === 'string' ? o.trim() : o)).filter((o) => (seen.has(o) ? false : (seen.add(o), true)));
  });

const Label = () => applyDecorators(Trim(), IsString({ message: 'label must be a string' }), IsNotEmpty({ message: 'label must not be empty' }), MaxLength(100, { message: 'label must be at most 100 characters' }));

const Options = () =>
  applyDecorators(
    ApiPropertyOptional({ type: [String], maxItems: MAX_CUSTOM_FIELD_OPTIONS, example: ['North', 'South'], description: 'Required (at least one) for single_select and multi_select; not allowed for other types' }),
    NormalizeOptions(),
    IsOptional(),
    IsArray({ message: 'options must be an array of strings' }),
    ArrayMaxSize(MAX_CUSTOM_FIELD_OPTIONS, { message: `options must have at most ${MAX_CUSTOM_FIELD_OPTIONS} entries` }),
    IsString({ each: true, message: 'each option must be a string' }),
    IsNotEmpty({ each: true, message: 'each option must be non-empty' }),
    MaxLength(100, { each: true, message: 'each option must be at most 100 characters' }),
  );

const Position = () => applyDecorators(ApiPropertyOptional({ minimum: 0, maximum: 10000 }), IsOptional(), IsInt({ message: 'position must be an integer' }), Min(0), Max(10000));

export class CreateCustomFieldDto {
  @ApiProperty({ enum: CUSTOM_FIELD_RECORD_TYPES })
  @IsIn(CUSTOM_FIELD_RECORD_TYPES, { message: `record_type must be one of ${CUSTOM_FIELD_RECORD_TYPES.join(', ')}` })
  record_type: CustomFieldRecordTypeValue;

  @ApiProperty({ example: 'budget_code', pattern: CUSTOM_FIELD_KEY.source, description: 'Unique per record type (deleted fields included until purged); never changes' })
  @IsString({ message: 'key must be a string' })
  @Matches(CUSTOM_FIELD_KEY, { message: 'key must be lower-case letters, digits or _, starting with a letter, at most 40 characters' })
  key: string;

  @ApiProperty({ example: 'Budget code', maxLength: 100 })
  @Label()
  label: string;

  @ApiProperty({ enum: CUSTOM_FIELD_TYPES })
  @IsIn(CUSTOM_FIELD_TYPES, { message: `type must be one of ${CUSTOM_FIELD_TYPES.join(', ')}` })
  type: CustomFieldTypeValue;

  @ApiPropertyOptional({ default: false, description: 'Every create and full replace (PUT) of the record must give it; PATCH may not clear it' })
  @IsOptional()
  @IsBoolean({ message: 'required must be true or false' })
  required?: boolean;

  @Options()
  options?: string[];

  @Position()
  position?: number;
}

/** Label, required, options and position may change; key and type never do (the data keeps its shape). */
export class PatchCustomFieldDto {
  @ApiPropertyOptional({ maxLength: 100, description: 'Renaming keeps every value (values are keyed by key)' })
  @OptionalNotNull()
  @Label()
  label?: string;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsBoolean({ message: 'required must be true or false' })
  required?: boolean;

  @Options()
  options?: string[];

  @Position()
  position?: number;
}
