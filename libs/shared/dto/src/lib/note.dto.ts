import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, Matches, MaxLength, ValidateBy, ValidateIf } from 'class-validator';
import { PageOf } from './page.dto';
import { RECORD_PARENT_TYPES, RecordParentDto, RecordParentQueryDto, type RecordParentType } from './record-parent.dto';
import { OptionalNotNull } from './validation';

export const NOTE_MAX_LENGTH = 20000;

export class NoteDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: RECORD_PARENT_TYPES }) parent_type: RecordParentType;
  @ApiProperty({ format: 'uuid' }) parent_id: string;
  @ApiProperty({ maxLength: NOTE_MAX_LENGTH, description: 'The note\'s content' }) text: string;
  @ApiProperty({ maxLength: NOTE_MAX_LENGTH, description: 'The same content as `text` (its older name, kept for existing clients)' }) body: string;
  @ApiProperty({ description: 'Private notes are shown to their author and admins only' }) is_private: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The user who wrote it; null when written with an API key' }) author_id: string | null;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;
}

export class NotePageDto extends PageOf(NoteDto) {}

/** 1..20000 characters, not only whitespace (kept as written: no trimming of the text). */
const NoteContent = (field: 'text' | 'body') =>
  applyDecorators(
    IsString({ message: `${field} must be a string` }),
    MaxLength(NOTE_MAX_LENGTH, { message: `${field} must be at most ${NOTE_MAX_LENGTH} characters` }),
    Matches(/\S/, { message: `${field} must not be empty` }),
  );

/** `body` given beside `text` must say the same. */
const SameAsBody = () =>
  ValidateBy({
    name: 'sameAsBody',
    validator: {
      validate: (value: unknown, args) => {
        const body = (args?.object as { body?: unknown }).body;
        return body === undefined || body === value;
      },
      defaultMessage: () => 'text and body differ: send the content once, as text (body is its older name)',
    },
  });

/**
 * The content as `text` or, for older clients, `body`: either is accepted, both only when equal.
 * `required`: when neither is sent, `text` is named as missing.
 */
const NoteText = (required: boolean) =>
  applyDecorators(
    ValidateIf((o: { text?: unknown; body?: unknown }) => o.text !== undefined || (required && o.body === undefined)),
    NoteContent('text'),
    SameAsBody(),
  );
const NoteBodyAlias = () => applyDecorators(ValidateIf((o: { body?: unknown }) => o.body !== undefined), NoteContent('body'));

/** The content a create or patch sends, whichever name it used (validated: equal when both are sent). */
export const noteContentOf = (dto: { text?: string; body?: string }): string | undefined => dto.text ?? dto.body;

export class CreateNoteDto extends RecordParentDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: NOTE_MAX_LENGTH, example: 'Called the CFO; budget approved for Q3.', description: 'The content (required unless `body` is sent)' })
  @NoteText(true)
  text?: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: NOTE_MAX_LENGTH, description: 'Older name of `text`; when both are sent they must be equal' })
  @NoteBodyAlias()
  body?: string;

  @ApiPropertyOptional({ default: false, description: 'Shown to the author and admins only' })
  @IsOptional()
  @IsBoolean({ message: 'is_private must be true or false' })
  is_private?: boolean;
}

/** PATCH body: only the fields sent change; a note never moves to another parent. */
export class PatchNoteDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: NOTE_MAX_LENGTH })
  @NoteText(false)
  text?: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: NOTE_MAX_LENGTH, description: 'Older name of `text`; when both are sent they must be equal' })
  @NoteBodyAlias()
  body?: string;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsBoolean({ message: 'is_private must be true or false' })
  is_private?: boolean;
}

/** `?parent_type=&parent_id=` (both required): the notes of one record, newest first. */
export class NoteQueryDto extends RecordParentQueryDto {}
