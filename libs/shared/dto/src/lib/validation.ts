import { ApiProperty, ApiPropertyOptional, ApiPropertyOptions } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, IsObject, IsOptional, IsString, IsUUID, MaxLength, ValidateBy, ValidateIf, ValidationOptions } from 'class-validator';

/** Trims strings; turns an empty string into null (a cleared optional field). */
export const TrimToNull = () =>
  Transform(({ value }) => {
    if (typeof value !== 'string') return value;
    const trimmed = value.trim();
    return trimmed === '' ? null : trimmed;
  });

/** Trims strings, keeping empty ones (so a required field can say it is empty). */
export const Trim = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

/** Phone numbers as people type them: digits, spaces, +, -, ., parentheses. */
export const PHONE = /^\+?[0-9 ().-]{3,40}$/;

/**
 * Optional, but not nullable: the field may be left out, and when it is sent (null included)
 * it must pass its validators. For columns that have a default but no null.
 */
export const OptionalNotNull = () => ValidateIf((_, value) => value !== undefined);

/** A finite number with at most `decimals` decimal places. */
export const isNumberWithDecimals = (value: unknown, decimals: number): boolean =>
  typeof value === 'number' && Number.isFinite(value) && Math.abs(Math.round(value * 10 ** decimals) - value * 10 ** decimals) < 1e-6;

/**
 * A finite number with at most `decimals` decimal places. (class-validator's IsNumber with
 * maxDecimalPlaces throws on numbers JavaScript prints in exponent form, like 1e-7.)
 */
export const IsNumberWithDecimals = (decimals: number, options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isNumberWithDecimals',
      validator: {
        validate: (value: unknown) => isNumberWithDecimals(value, decimals),
        defaultMessage: () => `$property must be a number with at most ${decimals} decimals`,
      },
    },
    options,
  );

/** A decorator of a DTO property (class-validator's and Swagger's, and this library's own). */
type FieldDecorator = (target: object, propertyName: string) => void;

/** Decorators as written top to bottom above a property, as one: the bottom one runs first, as when they are stacked. */
export const stacked =
  (...decorators: FieldDecorator[]): FieldDecorator =>
  (target, propertyName) => {
    for (const decorate of [...decorators].reverse()) decorate(target, propertyName);
  };

/** A required text field (a record's name or title): trimmed, not empty, at most `max` characters. */
export const RequiredText = (max: number, api: ApiPropertyOptions = {}) => stacked(ApiProperty(api), Trim(), IsString(), IsNotEmpty(), MaxLength(max));

/** An optional, nullable text field: trimmed, empty as null, at most `max` characters. */
export const OptionalText = (max: number, api: ApiPropertyOptions = {}) =>
  stacked(ApiPropertyOptional({ nullable: true, type: String, ...api }), TrimToNull(), IsOptional(), IsString(), MaxLength(max));

/** An optional, nullable record id: a UUID when it is not null. */
export const NullableUuid = (api: ApiPropertyOptions = {}) =>
  stacked(ApiPropertyOptional({ nullable: true, type: String, format: 'uuid', ...api }), IsOptional(), ValidateIf((_, v) => v !== null), IsUUID());

/**
 * An optional record id (a filter, or a scope that may be left out): a UUID when it is sent.
 * A bad value is a 400 "<field> must be a UUID".
 */
export const OptionalUuid = (api: ApiPropertyOptions = {}) =>
  stacked(ApiPropertyOptional({ format: 'uuid', ...api }), IsOptional(), IsUUID('all', { message: '$property must be a UUID' }));

/**
 * An optional value of a fixed list (a list's filter, a field that may be left out). A bad value
 * is a 400 "<field> must be one of a, b, c".
 */
export const OptionalOneOf = (values: readonly string[], api: ApiPropertyOptions = {}) =>
  stacked(ApiPropertyOptional({ enum: [...values], ...api }), IsOptional(), IsIn([...values], { message: `$property must be one of ${values.join(', ')}` }));

/** A record's free-form `metadata` object: may be left out, never null. */
export const OptionalMetadata = () =>
  stacked(ApiPropertyOptional({ type: 'object', additionalProperties: true }), OptionalNotNull(), IsObject());
