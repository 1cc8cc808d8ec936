import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditWriter, RequestContext } from '@clockwork/server-core';
import { noteContentOf, type CreateNoteDto, type NoteDto, type NotePageDto, type NoteQueryDto, type PatchNoteDto } from '@clockwork/shared-dto';
import type { Note } from '@clockwork/shared-entities';
import { DataSource, EntityManager } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { toNoteAuditSnapshot, toNoteDto } from './note.mapper';
import { NotesRepository } from './notes.repository';
import { ParentRecords, parentColumns, parentIdOf } from './parent-records.service';
import { assertMayChange, authorIdOf, mayReadNote } from './record-child.policy';

/**
 * Notes on accounts, contacts, deals and tasks. A caller reads and adds notes where it may read
 * the parent; private notes are shown to their author and admins only (to anyone else they do
 * not exist: 404); changing or deleting one is for its author, admins and managers. Each write
 * is one transaction with its audit row. Notes have no outbox events (none in the contract).
 */
@Injectable()
export class NotesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notes: NotesRepository,
    private readonly parents: ParentRecords,
    private readonly audit: AuditWriter,
    private readonly context: RequestContext,
  ) {}

  async list(query: NoteQueryDto): Promise<NotePageDto> {
    await this.parents.assertReadable(query.parent_type, query.parent_id);
    const principal = this.context.principal;
    return this.notes.listForParent(query, { admin: principal?.role === 'admin', viewerId: authorIdOf(principal) }, toNoteDto);
  }

  async get(id: string): Promise<NoteDto> {
    return toNoteDto(await this.readable(await this.notes.findById(id)));
  }

  create(dto: CreateNoteDto): Promise<NoteDto> {
    return this.dataSource.transaction(async (manager) => {
      await this.parents.assertReadable(dto.parent_type, dto.parent_id, manager);
      const note = await this.notes.insert(manager, {
        ...parentColumns(dto.parent_type, dto.parent_id),
        body: noteContentOf(dto) as string,
        isPrivate: dto.is_private ?? false,
        authorId: authorIdOf(this.context.principal),
      });
      await this.written(manager, 'create', null, note);
      return toNoteDto(note);
    });
  }

  update(id: string, dto: PatchNoteDto): Promise<NoteDto> {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.readable(await this.notes.lockById(manager, id), manager);
      assertMayChange(this.context.principal, before.authorId, 'note');
      const values: QueryDeepPartialEntity<Note> = {};
      const content = noteContentOf(dto);
      if (content !== undefined) values.body = content;
      if (dto.is_private !== undefined) values.isPrivate = dto.is_private;
      if (Object.keys(values).length === 0) return toNoteDto(before);
      const after = await this.notes.updateById(manager, id, values);
      await this.written(manager, 'update', before, after);
      return toNoteDto(after);
    });
  }

  remove(id: string): Promise<void> {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.readable(await this.notes.lockById(manager, id), manager);
      assertMayChange(this.context.principal, before.authorId, 'note');
      await this.notes.deleteById(manager, id);
      await this.written(manager, 'delete', before, null);
    });
  }

  /** The note if the caller may see it (not someone else's private note, parent readable), else 404. */
  private async readable(note: Note | null, manager?: EntityManager): Promise<Note> {
    if (!note || !mayReadNote(this.context.principal, note)) throw new NotFoundException('Note not found');
    await this.parents.assertReadable(note.parentType, parentIdOf(note), manager);
    return note;
  }

  private async written(manager: EntityManager, action: 'create' | 'update' | 'delete', before: Note | null, after: Note | null): Promise<void> {
    const snapshot = (n: Note | null) => (n ? toNoteAuditSnapshot(n) : null);
    await this.audit.record(manager, { action, objectType: 'note', objectId: (after ?? before)?.id as string, before: snapshot(before), after: snapshot(after) });
  }
}
