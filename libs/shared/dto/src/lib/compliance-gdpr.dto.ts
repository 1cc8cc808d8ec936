import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, isUUID, MaxLength, ValidateBy, ValidateIf } from 'class-validator';
import { Trim, TrimToNull } from './validation';

export const GDPR_SUBJECTS = ['contact', 'employee'] as const;
export type GdprSubject = (typeof GDPR_SUBJECTS)[number];

/**
 * Whose data: a contact (its id), or an employee — a user of the organization (its id) or an
 * `employee_id` of the productivity platform.
 */
export class GdprSubjectDto {
  @ApiProperty({ enum: GDPR_SUBJECTS })
  @IsIn(GDPR_SUBJECTS, { message: `subject must be one of: ${GDPR_SUBJECTS.join(', ')}` })
  subject: GdprSubject;

  @ApiProperty({ description: "A contact's id; for an employee a user's id or the productivity platform's employee_id", example: '0192f0a4-8a9e-7c4b-9d7e-3b2a1c0d9e8f' })
  @Trim()
  @ValidateBy({
    name: 'gdprContactId',
    validator: { validate: (value, args) => (args?.object as GdprSubjectDto).subject !== 'contact' || isUUID(value), defaultMessage: () => 'id must be a UUID for a contact' },
  })
  @IsString({ message: 'id must be a string' })
  @IsNotEmpty({ message: 'id must not be empty' })
  @MaxLength(200, { message: 'id must be at most 200 characters' })
  id: string;
}

/**
 * Whose data to erase: like GdprSubjectDto, and for contacts `email` may stand instead of `id`:
 * every contact of the organization with that address (found through the blind index), live or
 * deleted with copies of it left.
 */
export class GdprEraseDto {
  @ApiProperty({ enum: GDPR_SUBJECTS })
  @IsIn(GDPR_SUBJECTS, { message: `subject must be one of: ${GDPR_SUBJECTS.join(', ')}` })
  subject: GdprSubject;

  @ApiPropertyOptional({
    description: "A contact's id (it may have been deleted: the copies about it are still erased); for an employee a user's id or the productivity platform's employee_id. Required unless `email` is given",
    example: '0192f0a4-8a9e-7c4b-9d7e-3b2a1c0d9e8f',
  })
  @ValidateIf((o: GdprEraseDto) => o.id !== undefined || o.email === undefined || o.subject !== 'contact')
  @Trim()
  @ValidateBy({
    name: 'gdprContactId',
    validator: { validate: (value, args) => (args?.object as GdprEraseDto).subject !== 'contact' || isUUID(value), defaultMessage: () => 'id must be a UUID for a contact' },
  })
  @IsString({ message: 'id must be a string' })
  @IsNotEmpty({ message: 'id must not be empty' })
  @MaxLength(200, { message: 'id must be at most 200 characters' })
  id?: string;

  @ApiPropertyOptional({ type: String, format: 'email', example: 'ada@acme.test', description: 'Contacts only, instead of `id`: erase every contact with this address (live or deleted)' })
  @ValidateIf((o: GdprEraseDto) => o.email !== undefined)
  @Trim()
  @ValidateBy({
    name: 'gdprEmailSubject',
    validator: { validate: (_value, args) => (args?.object as GdprEraseDto).subject === 'contact' && (args?.object as GdprEraseDto).id === undefined, defaultMessage: () => 'email is for subject contact, instead of id' },
  })
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254, { message: 'email must be at most 254 characters' })
  email?: string;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'Why (e.g. the request reference); personal values of the subject are removed from it', example: 'DSR-2026-014' })
  @IsOptional()
  @TrimToNull()
  @IsString({ message: 'reason must be a string' })
  @MaxLength(500, { message: 'reason must be at most 500 characters' })
  reason?: string | null;
}

/** What an erase removed or rewrote (all zero when the subject was already erased). */
export class GdprErasedCountsDto {
  @ApiProperty({ description: 'Notes on the contact, deleted' }) notes_deleted: number;
  @ApiProperty({ description: 'Attachments on the contact, deleted with their stored files' }) attachments_deleted: number;
  @ApiProperty({ description: "Time entries whose employee_id was replaced by a pseudonym" }) time_entries_pseudonymized: number;
  @ApiProperty({ description: 'Per-day personal-time counters of the employee, deleted' }) personal_time_counters_deleted: number;
  @ApiProperty({ description: 'Audit rows whose changes lost the personal values' }) audit_rows_scrubbed: number;
  @ApiProperty({ description: 'Outbox events (and webhook deliveries) whose payloads lost the personal values' }) events_scrubbed: number;
  @ApiProperty({ description: 'Other records (notes, deals, tasks, notifications, ...) that mentioned the subject, rewritten' }) mentions_scrubbed: number;
}

export class GdprEraseResultDto {
  @ApiProperty({ enum: GDPR_SUBJECTS }) subject: GdprSubject;
  @ApiProperty({ description: 'The id asked for (or the email address, for an erasure by email)' }) id: string;
  @ApiPropertyOptional({ type: [String], description: 'Contacts: the ids of the contacts erased (an erasure by email may find several)' }) contact_ids?: string[];
  @ApiProperty({ description: 'true: an earlier erase already removed everything; nothing was changed now' }) already_erased: boolean;
  @ApiProperty({ format: 'date-time', description: 'When the (first) erase happened' }) erased_at: string;
  @ApiProperty({ type: GdprErasedCountsDto }) counts: GdprErasedCountsDto;
}
