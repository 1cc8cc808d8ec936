import { ForbiddenException } from '@nestjs/common';
import type { AuditWriter, OutboxWriter, Principal, RequestContext } from '@clockwork/server-core';
import type { Contact } from '@clockwork/shared-entities';
import type { DataSource, EntityManager } from 'typeorm';
import { ContactsRepository } from './contacts.repository';
import { contactColumns, ContactsService } from './contacts.service';

const contact = (over: Partial<Contact> = {}): Contact =>
  ({ id: 'c1', organizationId: 'o1', accountId: null, firstName: 'Ada', lastName: null, email: null, phone: null, jobTitle: null, ownerId: 'u1', tags: [], metadata: {}, version: 1, createdAt: new Date(0), updatedAt: new Date(0), ...over }) as Contact;

function setup(principal: Principal, before = contact()) {
  const manager = {} as EntityManager;
  const dataSource = { transaction: jest.fn((work: (m: EntityManager) => unknown) => work(manager)) } as unknown as DataSource;
  const contacts = {
    insert: jest.fn(async (_m: EntityManager, values: Partial<Contact>) => contact({ ...values })),
    lockById: jest.fn(async () => before),
    updateById: jest.fn(async () => before),
    deleteById: jest.fn(async () => undefined),
    recordDeleted: jest.fn(async () => undefined),
  } as unknown as jest.Mocked<ContactsRepository>;
  const audit = { record: jest.fn(async () => undefined) } as unknown as jest.Mocked<AuditWriter>;
  const outbox = { record: jest.fn(async () => ({})) } as unknown as jest.Mocked<OutboxWriter>;
  const context = { principal, organizationId: 'o1' } as unknown as RequestContext;
  return { service: new ContactsService(dataSource, contacts, audit, outbox, context), contacts, audit, outbox };
}

describe('contactColumns', () => {
  it('sets every column on PUT (omitted ones null, tags empty) and only the sent ones on PATCH', () => {
    expect(contactColumns({ first_name: 'Ada' }, true)).toEqual({ firstName: 'Ada', lastName: null, email: null, phone: null, jobTitle: null, accountId: null, ownerId: null, tags: [], metadata: {} });
    expect(contactColumns({ job_title: 'CTO' }, false)).toEqual({ jobTitle: 'CTO' });
    expect(contactColumns({ tags: null as unknown as string[] }, false)).toEqual({ tags: [] });
  });
});

describe('ContactsService', () => {
  it('makes the creating user the owner unless one is sent; an API key owns nothing', async () => {
    const user = setup({ kind: 'user', id: 'u9', organizationId: 'o1', role: 'sales' });
    expect(await user.service.create({ first_name: 'Ada' })).toMatchObject({ owner_id: 'u9' });
    expect(await user.service.create({ first_name: 'Ada', owner_id: null })).toMatchObject({ owner_id: null });
    const key = setup({ kind: 'api_key', id: 'k1', organizationId: 'o1', role: 'sales' });
    expect(await key.service.create({ first_name: 'Ada' })).toMatchObject({ owner_id: null });
    expect(user.outbox.record.mock.calls[0][1]).toMatchObject({ type: 'contact.created', aggregateType: 'contact' });
    expect(user.audit.record.mock.calls[0][1]).toMatchObject({ action: 'create', objectType: 'contact' });
  });

  it('refuses sales a contact they do not own, before writing anything', async () => {
    const { service, contacts, audit } = setup({ kind: 'user', id: 'u2', organizationId: 'o1', role: 'sales' });
    await expect(service.update('c1', { job_title: 'x' }, false)).rejects.toThrow(ForbiddenException);
    await expect(service.remove('c1')).rejects.toThrow(ForbiddenException);
    expect(contacts.updateById).not.toHaveBeenCalled();
    expect(contacts.deleteById).not.toHaveBeenCalled();
    expect(audit.record).not.toHaveBeenCalled();
  });

  it('lets support change any contact', async () => {
    const { service, outbox } = setup({ kind: 'user', id: 'u3', organizationId: 'o1', role: 'support' });
    await service.update('c1', { job_title: 'x' }, false);
    expect(outbox.record.mock.calls[0][1]).toMatchObject({ type: 'contact.updated' });
  });
});
