import { ApiProperty, ApiPropertyOptional, ApiPropertyOptions } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, Matches, registerDecorator, ValidateIf, ValidationArguments } from 'class-validator';
import { CURRENCIES } from './deal.dto';
import { stacked } from './validation';

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written YYYY-MM-DD (2026-02-30 is not one). */
export function isBillingDate(value: unknown): value is string {
  const m = typeof value === 'string' ? DATE_ONLY.exec(value) : null;
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

/** A YYYY-MM-DD date; with `notBefore`, on or after that sibling field when it is a date too. */
export function IsBillingDate(notBefore?: string) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isBillingDate',
      target: object.constructor,
      propertyName,
      validator: {
        validate(value: unknown, args: ValidationArguments) {
          if (!isBillingDate(value)) return false;
          const from = notBefore ? (args.object as Record<string, unknown>)[notBefore] : undefined;
          return !isBillingDate(from) || value >= from;
        },
        defaultMessage(args: ValidationArguments) {
          if (!isBillingDate(args.value)) return `${propertyName} must be a date written YYYY-MM-DD`;
          return `${propertyName} must be on or after ${notBefore}`;
        },
      },
    });
}

/** An ISO 4217 code (upper-cased first): `usd` -> `USD`. */
export function IsCurrencyCode(field: string) {
  const upper = Transform(({ value }) => (typeof value === 'string' ? value.trim().toUpperCase() : value));
  const known = IsIn([...CURRENCIES], { message: `${field} must be an ISO 4217 currency code such as EUR` });
  return (object: object, propertyName: string) => {
    upper(object, propertyName);
    known(object, propertyName);
  };
}

/** The currency of a rate's amount (`currency`, required). */
export const RateCurrency = () => stacked(ApiProperty({ example: 'EUR' }), IsCurrencyCode('currency'));

/** The first day a rate applies (`valid_from`, required). */
export const RateValidFrom = (description: string) => stacked(ApiProperty({ format: 'date', example: '2026-01-01', description }), IsBillingDate());

/** The last day a rate applies (`valid_to`): omitted or null for open-ended, else not before valid_from. */
export const RateValidTo = (api: ApiPropertyOptions = {}) =>
  stacked(ApiPropertyOptional({ nullable: true, type: String, format: 'date', ...api }), IsOptional(), ValidateIf((_, v) => v !== null), IsBillingDate('valid_from'));

/** Accepts a JSON number as well as a decimal string: 95.5 -> "95.5". */
export const DecimalToString = () =>
  Transform(({ value }) => {
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
    return typeof value === 'string' ? value.trim() : value;
  });

/** Money with at most 2 decimals (numeric(14,2)): "120", "120.5", "120.50". */
export const HOURLY_RATE = /^\d{1,12}(\.\d{1,2})?$/;
/** A positive exchange rate with at most 10 decimals (numeric(20,10)). */
export const EXCHANGE_RATE = /^\d{1,10}(\.\d{1,10})?$/;
/** A tax rate 0..100 with at most 2 decimals. */
export const TAX_PERCENT = /^(100(\.0{1,2})?|\d{1,2}(\.\d{1,2})?)$/;

/** The amount of a rate (`hourly_rate`, `hourly_cost`, required): money per hour, a JSON number taken as a decimal string. */
export const HourlyAmount = (example: string) =>
  stacked(
    ApiProperty({ example, description: 'Per hour, at most 2 decimals' }),
    DecimalToString(),
    Matches(HOURLY_RATE, { message: `$property must be a non-negative amount with at most 2 decimals, e.g. ${example}` }),
  );
