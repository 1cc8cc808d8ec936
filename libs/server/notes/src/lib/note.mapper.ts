import type { NoteDto } from '@clockwork/shared-dto';
import type { Note } from '@clockwork/shared-entities';
import { parentIdOf } from './parent-records.service';

/** The wire shape of a note (snake_case, ISO timestamps). */
export function toNoteDto(n: Note): NoteDto {
  return {
    id: n.id,
    parent_type: n.parentType,
    parent_id: parentIdOf(n),
    text: n.body,
    body: n.body,
    is_private: n.isPrivate,
    author_id: n.authorId,
    created_at: n.createdAt.toISOString(),
    updated_at: n.updatedAt.toISOString(),
  };
}

/**
 * What the audit log keeps of a note. The audit log is read by managers, who may not read
 * private notes: a private note's text is replaced by its length.
 */
export function toNoteAuditSnapshot(n: Note): Omit<NoteDto, 'text'> {
  const { text: _sameAsBody, ...dto } = toNoteDto(n);
  return n.isPrivate ? { ...dto, body: `[private note: ${[...n.body].length} characters]` } : dto;
}

/** The CSV columns of a note export, in order. */
export const NOTE_CSV_COLUMNS: (keyof NoteDto)[] = ['id', 'parent_type', 'parent_id', 'body', 'is_private', 'author_id', 'created_at', 'updated_at'];
