import { Injectable, NotFoundException } from '@nestjs/common';
import { AuditedRecord, RecordWriter } from '@clockwork/server-core';
import { noteContentOf, type CreateNoteDto, type NoteDto, type NotePageDto, type NoteQueryDto, type PatchNoteDto } from '@clockwork/shared-dto';
import type { Note } from '@clockwork/shared-entities';
import { EntityManager } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { toNoteAuditSnapshot, toNoteDto } from './note.mapper';
import { NotesRepository } from './notes.repository';
import { ParentRecords, parentColumns, parentIdOf } from './parent-records.service';
import { assertMayChange, authorIdOf, mayReadNote } from './record-child.policy';

/** Audited as its snapshot (a private note's text is never in the log). */
const NOTE: AuditedRecord<Note> = { objectType: 'note', view: toNoteAuditSnapshot };

/**
 * Notes on accounts, contacts, deals and tasks. A caller reads and adds notes where it may read
 * the parent; private notes are shown to their author and admins only (to anyone else they do
 * not exist: 404); changing or deleting one is for its author, admins and managers. Each write
 * is one transaction with its audit row. Notes have no outbox events (none in the contract).
 */
@Injectable()
export class NotesService {
  constructor(
    private readonly records: RecordWriter,
    private readonly notes: NotesRepository,
    private readonly parents: ParentRecords,
  ) {}

  async list(query: NoteQueryDto): Promise<NotePageDto> {
    await this.parents.assertReadable(query.parent_type, query.parent_id);
    const principal = this.records.principal;
    return this.notes.listForParent(query, { admin: principal?.role === 'admin', viewerId: authorIdOf(principal) }, toNoteDto);
  }

  async get(id: string): Promise<NoteDto> {
    return toNoteDto(await this.readable(await this.notes.findById(id)));
  }

  create(dto: CreateNoteDto): Promise<NoteDto> {
    return this.records.transaction(async (manager) => {
      await this.parents.assertReadable(dto.parent_type, dto.parent_id, manager);
      const note = await this.notes.insert(manager, {
        ...parentColumns(dto.parent_type, dto.parent_id),
        body: noteContentOf(dto) as string,
        isPrivate: dto.is_private ?? false,
        authorId: authorIdOf(this.records.principal),
      });
      await this.records.written(manager, NOTE, 'create', null, note);
      return toNoteDto(note);
    });
  }

  update(id: string, dto: PatchNoteDto): Promise<NoteDto> {
    return this.records.transaction(async (manager) => {
      const before = await this.readable(await this.notes.lockById(manager, id), manager);
      assertMayChange(this.records.principal, before.authorId, 'note');
      const values: QueryDeepPartialEntity<Note> = {};
      const content = noteContentOf(dto);
      if (content !== undefined) values.body = content;
      if (dto.is_private !== undefined) values.isPrivate = dto.is_private;
      if (Object.keys(values).length === 0) return toNoteDto(before);
      const after = await this.notes.updateById(manager, id, values);
      await this.records.written(manager, NOTE, 'update', before, after);
      return toNoteDto(after);
    });
  }

  remove(id: string): Promise<void> {
    return this.records.transaction(async (manager) => {
      const before = await this.readable(await this.notes.lockById(manager, id), manager);
      assertMayChange(this.records.principal, before.authorId, 'note');
      await this.notes.deleteById(manager, id);
      await this.records.written(manager, NOTE, 'delete', before, null);
    });
  }

  /** The note if the caller may see it (not someone else's private note, parent readable), else 404. */
  private async readable(note: Note | null, manager?: EntityManager): Promise<Note> {
    if (!note || !mayReadNote(this.records.principal, note)) throw new NotFoundException('Note not found');
    await this.parents.assertReadable(note.parentType, parentIdOf(note), manager);
    return note;
  }
}
