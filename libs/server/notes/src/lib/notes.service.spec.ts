import { AuditWriter, type Principal } from '@clockwork/server-core';
import { mockStoredRecord, newTestService, testCaller } from '@clockwork/server-core/testing';
import type { Note } from '@clockwork/shared-entities';
import { ForbiddenException, NotFoundException } from '@nestjs/common';
import { NotesRepository } from './notes.repository';
import { NotesService } from './notes.service';
import { ParentRecords, READABLE_PARENT_TYPES } from './parent-records.service';

const note = (over: Partial<Note> = {}): Note =>
  ({ id: 'n1', organizationId: 'o1', parentType: 'account', accountId: 'acc1', contactId: null, dealId: null, taskId: null, body: 'Budget approved', isPrivate: false, authorId: 'author', createdAt: new Date(0), updatedAt: new Date(0), ...over }) as Note;

function setup(stored: Note, principal: Partial<Principal>) {
  const caller = testCaller(principal);
  const { sut: service, mock } = newTestService(NotesService, { principal: caller });
  const notes = mock(NotesRepository);
  mockStoredRecord(notes, stored, note);
  notes.listForParent.mockResolvedValue({ data: [], next_cursor: null });
  // The real rule of which parent types a role reads, without a database: every parent exists.
  mock(ParentRecords).assertReadable.mockImplementation(async (type: Note['parentType']) => {
    if (!READABLE_PARENT_TYPES[caller.role].includes(type)) throw new NotFoundException('Deal not found');
  });
  return { service, notes, audit: mock(AuditWriter) };
}

describe('NotesService', () => {
  it('shows a private note to its author and admins only; to anyone else it does not exist', async () => {
    const secret = note({ isPrivate: true });
    await expect(setup(secret, { id: 'author' }).service.get('n1')).resolves.toMatchObject({ body: 'Budget approved', is_private: true });
    await expect(setup(secret, { role: 'admin' }).service.get('n1')).resolves.toMatchObject({ id: 'n1' });
    await expect(setup(secret, { role: 'manager' }).service.get('n1')).rejects.toBeInstanceOf(NotFoundException);
    await expect(setup(secret, { kind: 'api_key', id: 'author', role: 'sales' }).service.get('n1')).rejects.toBeInstanceOf(NotFoundException);
    const hidden = setup(secret, { role: 'manager' });
    await expect(hidden.service.update('n1', { body: 'x' })).rejects.toBeInstanceOf(NotFoundException);
    await expect(hidden.service.remove('n1')).rejects.toBeInstanceOf(NotFoundException);
    expect(hidden.notes.updateById).not.toHaveBeenCalled();
    expect(hidden.notes.deleteById).not.toHaveBeenCalled();
  });

  it('hides notes of a parent type the role may not read (support on a deal)', async () => {
    const onDeal = note({ parentType: 'deal', accountId: null, dealId: 'd1' });
    await expect(setup(onDeal, { role: 'support' }).service.get('n1')).rejects.toBeInstanceOf(NotFoundException);
    await expect(setup(note({ parentType: 'task', accountId: null, taskId: 't1' }), { role: 'support' }).service.get('n1')).resolves.toMatchObject({ parent_type: 'task', parent_id: 't1' });
  });

  it('lets the author, admins and managers change or delete a note, and refuses others with 403', async () => {
    for (const principal of [{ id: 'author' }, { role: 'admin' as const }, { role: 'manager' as const }, { kind: 'api_key' as const, role: 'manager' as const }]) {
      await expect(setup(note(), principal).service.update('n1', { body: 'Edited' })).resolves.toMatchObject({ body: 'Edited' });
    }
    const sales = setup(note(), { role: 'sales', id: 'other' });
    await expect(sales.service.update('n1', { body: 'x' })).rejects.toBeInstanceOf(ForbiddenException);
    await expect(sales.service.remove('n1')).rejects.toThrow('Only the author of this note, admins and managers may change or delete it');
    await expect(setup(note({ authorId: null, parentType: 'contact', accountId: null, contactId: 'c1' }), { kind: 'api_key', id: 'k1', role: 'support' }).service.remove('n1')).rejects.toBeInstanceOf(ForbiddenException);
    expect(sales.notes.updateById).not.toHaveBeenCalled();
    expect(sales.notes.deleteById).not.toHaveBeenCalled();
  });

  it('credits a new note to the signed-in user, and to nobody when written with an API key', async () => {
    const user = setup(note(), { id: 'u9' });
    await user.service.create({ parent_type: 'contact', parent_id: 'c1', body: 'Hi' });
    expect(user.notes.insert.mock.calls[0][1]).toMatchObject({ parentType: 'contact', contactId: 'c1', accountId: null, dealId: null, taskId: null, authorId: 'u9', isPrivate: false });
    const key = setup(note(), { kind: 'api_key', id: 'k1' });
    await key.service.create({ parent_type: 'task', parent_id: 't1', body: 'Hi', is_private: true });
    expect(key.notes.insert.mock.calls[0][1]).toMatchObject({ taskId: 't1', authorId: null, isPrivate: true });
  });

  it('audits each write once, keeping the text of private notes out of the audit log', async () => {
    const { service, audit } = setup(note({ isPrivate: true, body: 'Salary: 90k' }), { id: 'author' });
    await service.update('n1', { body: 'Salary: 95k' });
    expect(audit.record).toHaveBeenCalledTimes(1);
    const entry = audit.record.mock.calls[0][1];
    expect(entry).toMatchObject({ action: 'update', objectType: 'note', objectId: 'n1' });
    expect(JSON.stringify(entry)).not.toContain('Salary');
    expect(entry.after).toMatchObject({ body: '[private note: 11 characters]' });

    const pub = setup(note(), { id: 'author' });
    await pub.service.update('n1', { is_private: true });
    expect(pub.audit.record.mock.calls[0][1]).toMatchObject({ before: { body: 'Budget approved', is_private: false }, after: { is_private: true } });
  });

  it('writes nothing for a PATCH that changes nothing', async () => {
    const { service, notes, audit } = setup(note(), { id: 'author' });
    await expect(service.update('n1', {})).resolves.toMatchObject({ id: 'n1' });
    expect(notes.updateById).not.toHaveBeenCalled();
    expect(audit.record).not.toHaveBeenCalled();
  });

  it('lists private notes of other authors for admins only', async () => {
    const query = { parent_type: 'account' as const, parent_id: 'acc1' };
    const admin = setup(note(), { role: 'admin', id: 'a' });
    await admin.service.list(query);
    expect(admin.notes.listForParent.mock.calls[0][1]).toEqual({ admin: true, viewerId: 'a' });
    const key = setup(note(), { kind: 'api_key', role: 'manager', id: 'k' });
    await key.service.list(query);
    expect(key.notes.listForParent.mock.calls[0][1]).toEqual({ admin: false, viewerId: null });
  });
});
