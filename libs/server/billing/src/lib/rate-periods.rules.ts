import { BadRequestException, ConflictException } from '@nestjs/common';
import { ObjectLiteral, QueryFailedError, SelectQueryBuilder } from 'typeorm';

/** A 400 naming one field, in the shape of the validation pipe's. */
export const fieldError = (field: string, message: string) => new BadRequestException({ message: `Validation failed: ${message}`, details: [{ field, errors: [message] }] });

/** An overlapping period of the same scope (an exclusion constraint, 23P01) as a 409 that says what overlaps. */
export function overlapToConflict(what: string): (error: unknown) => never {
  return (error) => {
    if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23P01') {
      throw new ConflictException(`${what} applies in an overlapping period; end it (valid_to) or change the dates`);
    }
    throw error;
  };
}

/** The period after a PATCH of an effective-dated rate: the dates sent, else the stored ones; 400 naming valid_to when it ends before it starts. */
export function periodAfter(dto: { valid_from?: string; valid_to?: string | null }, before: { validFrom: string; validTo: string | null }): { validFrom: string; validTo: string | null } {
  const validFrom = dto.valid_from ?? before.validFrom;
  const validTo = dto.valid_to !== undefined ? dto.valid_to : before.validTo;
  if (validTo !== null && validTo < validFrom) throw fieldError('valid_to', 'valid_to must be on or after valid_from');
  return { validFrom, validTo };
}

/** Limits a list of effective-dated rates (alias `alias`) to those that apply on `day` (no day: all). */
export function whereActiveOn<R extends ObjectLiteral>(qb: SelectQueryBuilder<R>, alias: string, day: string | undefined): SelectQueryBuilder<R> {
  return day ? qb.andWhere(`${alias}.valid_from <= :day AND (${alias}.valid_to IS NULL OR ${alias}.valid_to >= :day)`, { day }) : qb;
}
