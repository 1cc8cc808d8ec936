import { ForbiddenException, PreconditionFailedException } from '@nestjs/common';
import { AuditWriter, OutboxWriter, type Principal } from '@clockwork/server-core';
import { newTestService } from '@clockwork/server-core/testing';
import type { Account } from '@clockwork/shared-entities';
import type { EntityManager } from 'typeorm';
import { AccountsRepository } from './accounts.repository';
import { AccountsService } from './accounts.service';

const account = (over: Partial<Account> = {}): Account =>
  ({ id: 'a1', organizationId: 'o1', name: 'Acme', industry: 'Retail', address: null, phone: null, website: null, domain: null, primaryContactId: null, ownerId: 'owner', metadata: {}, version: 2, createdAt: new Date(0), updatedAt: new Date(0), ...over }) as Account;

function setup(principal: Principal, stored = account()) {
  const { sut: service, mock } = newTestService(AccountsService, { principal });
  const accounts = mock(AccountsRepository);
  accounts.lockById.mockResolvedValue(stored);
  accounts.insert.mockImplementation(async (_m: EntityManager, values: Record<string, unknown>) => account({ ...(values as Partial<Account>), version: 1 }));
  accounts.updateById.mockImplementation(async (_m: EntityManager, _id: string, values: Record<string, unknown>) =>
    account({ ...stored, ...Object.fromEntries(Object.entries(values).filter(([k]) => k !== 'version')), version: stored.version + 1 }),
  );
  return { service, accounts, audit: mock(AuditWriter), outbox: mock(OutboxWriter) };
}

const user = (role: Principal['role'], id = 'me'): Principal => ({ kind: 'user', id, organizationId: 'o1', role });

describe('AccountsService', () => {
  it('makes the creating user the owner unless one is given, and records audit and event', async () => {
    const { service, accounts, audit, outbox } = setup(user('sales'));
    const created = await service.create({ name: 'Globex' });
    expect(accounts.insert.mock.calls[0][1]).toMatchObject({ name: 'Globex', ownerId: 'me', industry: null });
    expect(created.owner_id).toBe('me');
    expect(audit.record.mock.calls[0][1]).toMatchObject({ action: 'create', objectType: 'account', before: null });
    expect(outbox.record.mock.calls[0][1]).toMatchObject({ type: 'account.created', aggregateType: 'account' });
  });

  it('replaces every field on PUT and only the sent ones on PATCH', async () => {
    const put = setup(user('admin'));
    await put.service.update('a1', { name: 'New' }, true);
    expect(put.accounts.updateById.mock.calls[0][2]).toMatchObject({ name: 'New', industry: null, ownerId: null, metadata: {} });

    const patch = setup(user('admin'));
    await patch.service.update('a1', { phone: '+1 555' }, false);
    const values = patch.accounts.updateById.mock.calls[0][2] as Record<string, unknown>;
    expect(values).toMatchObject({ phone: '+1 555' });
    expect(Object.keys(values).sort()).toEqual(['phone', 'version']);
  });

  it('refuses a stale If-Match version before writing', async () => {
    const { service, accounts } = setup(user('admin'));
    await expect(service.update('a1', { name: 'X' }, false, 1)).rejects.toThrow(PreconditionFailedException);
    expect(accounts.updateById).not.toHaveBeenCalled();
  });

  it('lets sales change and delete only accounts they own', async () => {
    const other = setup(user('sales'));
    await expect(other.service.update('a1', { name: 'X' }, false)).rejects.toThrow(ForbiddenException);
    await expect(other.service.remove('a1')).rejects.toThrow(ForbiddenException);
    expect(other.accounts.deleteById).not.toHaveBeenCalled();

    const own = setup(user('sales', 'owner'));
    await own.service.remove('a1');
    expect(own.accounts.deleteById).toHaveBeenCalled();
    expect(own.outbox.record.mock.calls[0][1]).toMatchObject({ type: 'account.deleted', payload: { id: 'a1' } });
  });
});
