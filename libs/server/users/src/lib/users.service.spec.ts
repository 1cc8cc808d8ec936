import type { AuditWriter, RequestContext } from '@clockwork/server-core';
import type { PasswordHasher, PasswordStrength, PrincipalCache, TokensService } from '@clockwork/server-auth';
import type { User } from '@clockwork/shared-entities';
import type { DataSource, EntityManager } from 'typeorm';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

const user = (over: Partial<User> = {}): User =>
  ({ id: 'u1', organizationId: 'o1', name: 'Sam', email: 'sam@x.test', role: 'sales', linkedEmployeeId: null, isActive: true, lastLoginAt: null, createdAt: new Date(0), updatedAt: new Date(0), version: 1, ...over }) as User;

function setup(before: User, adminsLeft = 1) {
  const manager = {} as EntityManager;
  const dataSource = { transaction: jest.fn((work: (m: EntityManager) => unknown) => work(manager)) } as unknown as DataSource;
  let after = before;
  const users = {
    lockById: jest.fn(async () => before),
    updateById: jest.fn(async (_m: EntityManager, _id: string, values: Partial<User>) => {
      after = user({ ...before, ...Object.fromEntries(Object.entries(values).filter(([k]) => k !== 'version')) });
      return after;
    }),
    countActiveAdmins: jest.fn(async () => adminsLeft),
  } as unknown as jest.Mocked<UsersRepository>;
  const tokens = { revokeAllOfUser: jest.fn(async () => 1) } as unknown as jest.Mocked<TokensService>;
  const audit = { record: jest.fn(async () => undefined) } as unknown as jest.Mocked<AuditWriter>;
  const principals = { forget: jest.fn() } as unknown as jest.Mocked<PrincipalCache>;
  const context = { organizationId: 'o1' } as RequestContext;
  const service = new UsersService(dataSource, users, {} as PasswordHasher, tokens, audit, context, principals, {} as PasswordStrength);
  return { service, users, tokens, audit, principals };
}

describe('UsersService.update', () => {
  it('audits a role change as role_change with the diff source', async () => {
    const { service, audit } = setup(user());
    const dto = await service.update('u1', { role: 'manager' });
    expect(dto.role).toBe('manager');
    expect(audit.record).toHaveBeenCalledTimes(1);
    expect(audit.record.mock.calls[0][1]).toMatchObject({ action: 'role_change', objectType: 'user', objectId: 'u1', before: { role: 'sales' }, after: { role: 'manager' } });
  });

  it('revokes every session of a deactivated user, drops it from the principal cache and audits a deactivate', async () => {
    const { service, tokens, audit, principals } = setup(user());
    await service.update('u1', { is_active: false });
    expect(tokens.revokeAllOfUser).toHaveBeenCalledWith(expect.anything(), 'o1', 'u1');
    expect(principals.forget).toHaveBeenCalledWith('o1', 'u1');
    expect(audit.record.mock.calls[0][1]).toMatchObject({ action: 'deactivate' });
  });

  it('audits other edits as update and leaves sessions alone', async () => {
    const { service, tokens, audit } = setup(user());
    await service.update('u1', { name: 'Samantha', linked_employee_id: 'emp-1' });
    expect(tokens.revokeAllOfUser).not.toHaveBeenCalled();
    expect(audit.record.mock.calls[0][1]).toMatchObject({ action: 'update', after: { name: 'Samantha', linked_employee_id: 'emp-1' } });
  });

  it('refuses to demote or deactivate the last active admin', async () => {
    await expect(setup(user({ role: 'admin' }), 0).service.update('u1', { role: 'sales' })).rejects.toThrow(/at least one active admin/);
    await expect(setup(user({ role: 'admin' }), 0).service.update('u1', { is_active: false })).rejects.toThrow(/at least one active admin/);
    await expect(setup(user({ role: 'admin' }), 1).service.update('u1', { role: 'sales' })).resolves.toMatchObject({ role: 'sales' });
  });
});
