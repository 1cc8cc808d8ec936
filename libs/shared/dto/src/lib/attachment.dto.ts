import { ApiProperty } from '@nestjs/swagger';
import { PageOf } from './page.dto';
import { RECORD_PARENT_TYPES, RecordParentDto, RecordParentQueryDto, type RecordParentType } from './record-parent.dto';

/**
 * The content types an attachment may have. For the binary formats the file's first bytes must
 * agree with the declared type (a renamed executable is refused).
 */
export const ATTACHMENT_CONTENT_TYPES = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'text/plain',
  'text/csv',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/zip',
] as const;
export type AttachmentContentType = (typeof ATTACHMENT_CONTENT_TYPES)[number];

/** An attachment's metadata; its bytes are at `GET /attachments/{id}/content`. */
export class AttachmentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: RECORD_PARENT_TYPES }) parent_type: RecordParentType;
  @ApiProperty({ format: 'uuid' }) parent_id: string;
  @ApiProperty({ example: 'proposal.pdf', description: 'The name it was uploaded with (no folders)' }) file_name: string;
  @ApiProperty({ enum: ATTACHMENT_CONTENT_TYPES }) content_type: string;
  @ApiProperty({ example: 48213 }) size_bytes: number;
  @ApiProperty({ example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', description: 'SHA-256 of the bytes, hex' }) sha256: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The user who uploaded it; null when uploaded with an API key' }) author_id: string | null;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;
}

export class AttachmentPageDto extends PageOf(AttachmentDto) {}

/** The text fields of the multipart upload (the file itself is the `file` part). */
export class UploadAttachmentDto extends RecordParentDto {}

/** `?parent_type=&parent_id=` (both required): the attachments of one record, newest first. */
export class AttachmentQueryDto extends RecordParentQueryDto {}
