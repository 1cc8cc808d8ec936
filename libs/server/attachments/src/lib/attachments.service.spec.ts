import { AuditWriter, FileStorage, type Principal } from '@clockwork/server-core';
import { newTestService } from '@clockwork/server-core/testing';
import { ParentRecords } from '@clockwork/server-notes';
import type { Attachment } from '@clockwork/shared-entities';
import { ForbiddenException } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EntityManager } from 'typeorm';
import { AttachmentsRepository } from './attachments.repository';
import { StoredFileDeletionsRepository } from './cleanup/stored-file-deletions.repository';
import { AttachmentsService, UploadedSpoolFile } from './attachments.service';

const ORG = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
const ACCOUNT = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a00';
const PDF = Buffer.from('%PDF-1.4\nhello');

const row = (over: Partial<Attachment> = {}): Attachment =>
  ({
    id: 'a1', organizationId: ORG, parentType: 'account', accountId: ACCOUNT, contactId: null, dealId: null, taskId: null,
    fileName: 'x.pdf', contentType: 'application/pdf', sizeBytes: '14', sha256: 'h', storageKey: `${ORG}/a1`, authorId: 'u1',
    createdAt: new Date(0), updatedAt: new Date(0), ...over,
  }) as Attachment;

function setup(options: { transactionFails?: boolean; principal?: Partial<Principal> } = {}) {
  const calls: string[] = [];
  const principal: Principal = { kind: 'user', id: 'u1', organizationId: ORG, role: 'sales', ...options.principal };
  const { sut: service, mock, dataSource, manager } = newTestService(AttachmentsService, { principal });
  dataSource.transaction.mockImplementation((async (work: (m: EntityManager) => unknown) => {
    if (options.transactionFails) throw new Error('database went away');
    const result = await work(manager);
    calls.push('commit');
    return result;
  }) as typeof dataSource.transaction);
  const attachments = mock(AttachmentsRepository);
  attachments.insert.mockImplementation(async (_m: EntityManager, values: Record<string, unknown>) => row({ ...(values as Partial<Attachment>) }));
  attachments.lockById.mockResolvedValue(row());
  attachments.deleteById.mockImplementation(async () => void calls.push('delete row'));
  const storage = mock(FileStorage);
  storage.put.mockImplementation(async () => void calls.push('put object'));
  storage.delete.mockImplementation(async () => void calls.push('delete object'));
  const deletions = mock(StoredFileDeletionsRepository);
  deletions.forget.mockImplementation(async () => void calls.push('forget queued removal'));
  return { service, attachments, parents: mock(ParentRecords), storage, audit: mock(AuditWriter), calls };
}

describe('AttachmentsService', () => {
  let dir: string;
  let spooled: UploadedSpoolFile;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ck-upload-'));
    const path = join(dir, 'spool');
    writeFileSync(path, PDF);
    spooled = { path, originalname: '../secret/Q3 proposal.pdf', mimetype: 'application/pdf', size: PDF.length };
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('stores the object under <organization>/<id>, then records the row with its hash and one audit entry', async () => {
    const { service, storage, attachments, audit, calls } = setup();
    const dto = await service.upload({ parent_type: 'account', parent_id: ACCOUNT }, spooled);
    const key = storage.put.mock.calls[0][0];
    expect(key).toBe(`${ORG}/${dto.id}`);
    expect(attachments.insert.mock.calls[0][1]).toMatchObject({ id: dto.id, storageKey: key, accountId: ACCOUNT, parentType: 'account', authorId: 'u1' });
    expect(dto).toMatchObject({ file_name: 'Q3 proposal.pdf', content_type: 'application/pdf', size_bytes: PDF.length, sha256: createHash('sha256').update(PDF).digest('hex') });
    expect(calls).toEqual(['put object', 'commit']);
    expect(audit.record).toHaveBeenCalledTimes(1);
    expect(audit.record.mock.calls[0][1]).toMatchObject({ action: 'create', objectType: 'attachment', objectId: dto.id });
    expect(existsSync(spooled.path)).toBe(false);
  });

  it('removes the stored object again when the row cannot be written', async () => {
    const { service, storage, calls } = setup({ transactionFails: true });
    await expect(service.upload({ parent_type: 'account', parent_id: ACCOUNT }, spooled)).rejects.toThrow('database went away');
    expect(calls).toEqual(['put object', 'delete object']);
    expect(storage.delete).toHaveBeenCalledWith(storage.put.mock.calls[0][0]);
    expect(existsSync(spooled.path)).toBe(false);
  });

  it('stores nothing for a file whose content does not match its type, and nothing for an unreadable parent', async () => {
    const renamed = setup();
    writeFileSync(spooled.path, Buffer.from('MZ\x90\x00\x03'));
    await expect(renamed.service.upload({ parent_type: 'account', parent_id: ACCOUNT }, spooled)).rejects.toMatchObject({ status: 415 });
    expect(renamed.storage.put).not.toHaveBeenCalled();
    expect(existsSync(spooled.path)).toBe(false);

    const hidden = setup();
    hidden.parents.assertReadable.mockRejectedValueOnce(Object.assign(new Error('Deal not found'), { status: 404 }));
    writeFileSync(spooled.path, PDF);
    await expect(hidden.service.upload({ parent_type: 'deal', parent_id: ACCOUNT }, spooled)).rejects.toThrow('Deal not found');
    expect(hidden.storage.put).not.toHaveBeenCalled();
  });

  it('names the missing file field', async () => {
    await expect(setup().service.upload({ parent_type: 'account', parent_id: ACCOUNT }, undefined)).rejects.toMatchObject({ response: { details: [{ field: 'file', errors: ['file is required'] }] } });
  });

  it('deletes the row (with its audit entry) before the object, and only for author, admins and managers', async () => {
    const author = setup();
    await author.service.remove('a1');
    expect(author.calls).toEqual(['delete row', 'commit', 'delete object', 'forget queued removal']);
    expect(author.storage.delete).toHaveBeenCalledWith(`${ORG}/a1`);
    expect(author.audit.record.mock.calls[0][1]).toMatchObject({ action: 'delete', objectType: 'attachment', objectId: 'a1' });

    await expect(setup({ principal: { role: 'manager', id: 'u2' } }).service.remove('a1')).resolves.toBeUndefined();
    const other = setup({ principal: { role: 'sales', id: 'u2' } });
    await expect(other.service.remove('a1')).rejects.toBeInstanceOf(ForbiddenException);
    expect(other.attachments.deleteById).not.toHaveBeenCalled();
    expect(other.storage.delete).not.toHaveBeenCalled();
    await expect(setup({ principal: { role: 'support', kind: 'api_key', id: 'u1' } }).service.remove('a1')).rejects.toBeInstanceOf(ForbiddenException);
  });
});
