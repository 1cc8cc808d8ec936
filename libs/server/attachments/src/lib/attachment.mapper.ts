import { parentIdOf } from '@clockwork/server-notes';
import type { AttachmentDto } from '@clockwork/shared-dto';
import type { Attachment } from '@clockwork/shared-entities';

/** The wire shape of an attachment's metadata (the storage key stays inside). */
export function toAttachmentDto(a: Attachment): AttachmentDto {
  return {
    id: a.id,
    parent_type: a.parentType,
    parent_id: parentIdOf(a),
    file_name: a.fileName,
    content_type: a.contentType,
    size_bytes: Number(a.sizeBytes),
    sha256: a.sha256,
    author_id: a.authorId,
    created_at: a.createdAt.toISOString(),
    updated_at: a.updatedAt.toISOString(),
  };
}

/** The CSV columns of an attachment list export, in order. */
export const ATTACHMENT_CSV_COLUMNS: (keyof AttachmentDto)[] = ['id', 'parent_type', 'parent_id', 'file_name', 'content_type', 'size_bytes', 'sha256', 'author_id', 'created_at', 'updated_at'];
