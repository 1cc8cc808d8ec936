import { AuditWriter } from '@clockwork/server-core';
import { newTestService } from '@clockwork/server-core/testing';
import { PrincipalCache, TokensService } from '@clockwork/server-auth';
import type { User } from '@clockwork/shared-entities';
import type { EntityManager } from 'typeorm';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

const user = (over: Partial<User> = {}): User =>
  ({ id: 'u1', organizationId: 'o1', name: 'Sam', email: 'sam@x.test', role: 'sales', linkedEmployeeId: null, isActive: true, lastLoginAt: null, createdAt: new Date(0), updatedAt: new Date(0), version: 1, ...over }) as User;

function setup(before: User, adminsLeft = 1) {
  const { sut: service, mock } = newTestService(UsersService);
  const users = mock(UsersRepository);
  users.lockById.mockResolvedValue(before);
  users.updateById.mockImplementation(async (_m: EntityManager, _id: string, values: Record<string, unknown>) =>
    user({ ...before, ...Object.fromEntries(Object.entries(values).filter(([k]) => k !== 'version')) }),
  );
  users.countActiveAdmins.mockResolvedValue(adminsLeft);
  const tokens = mock(TokensService);
  tokens.revokeAllOfUser.mockResolvedValue(1);
  return { service, users, tokens, audit: mock(AuditWriter), principals: mock(PrincipalCache) };
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
