import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PageOf } from './page.dto';
import { RECORD_PARENT_TYPES, RecordParentDto, RecordParentQueryDto, type RecordParentType } from './record-parent.dto';
import { OptionalNotNull } from './validation';

export const NOTE_MAX_LENGTH = 20000;

export class NoteDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: RECORD_PARENT_TYPES }) parent_type: RecordParentType;
  @ApiProperty({ format: 'uuid' }) parent_id: string;
  @ApiProperty({ maxLength: NOTE_MAX_LENGTH }) body: string;
  @ApiProperty({ description: 'Private notes are shown to their author and admins only' }) is_private: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The user who wrote it; null when written with an API key' }) author_id: string | null;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;
}

export class NotePageDto extends PageOf(NoteDto) {}

/** 1..20000 characters, not only whitespace (kept as written: no trimming of the text). */
const NoteBody = () =>
  applyDecorators(
    IsString({ message: 'body must be a string' }),
    MaxLength(NOTE_MAX_LENGTH, { message: `body must be at most ${NOTE_MAX_LENGTH} characters` }),
    Matches(/\S/, { message: 'body must not be empty' }),
  );

export class CreateNoteDto extends RecordParentDto {
  @ApiProperty({ minLength: 1, maxLength: NOTE_MAX_LENGTH, example: 'Called the CFO; budget approved for Q3.' })
  @NoteBody()
  body: string;

  @ApiPropertyOptional({ default: false, description: 'Shown to the author and admins only' })
  @IsOptional()
  @IsBoolean({ message: 'is_private must be true or false' })
  is_private?: boolean;
}

/** PATCH body: only the fields sent change; a note never moves to another parent. */
export class PatchNoteDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: NOTE_MAX_LENGTH })
  @OptionalNotNull()
  @NoteBody()
  body?: string;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsBoolean({ message: 'is_private must be true or false' })
  is_private?: boolean;
}

/** `?parent_type=&parent_id=` (both required): the notes of one record, newest first. */
export class NoteQueryDto extends RecordParentQueryDto {}
