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
  users.findByEmployee.mockResolvedValue(null);
  users.backfillEmployeeEntries.mockResolvedValue(0);
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

describe('UsersService.update: employee links', () => {
  it("gives a newly linked user the employee's earlier entries and audits how many", async () => {
    const { service, users, audit } = setup(user());
    users.backfillEmployeeEntries.mockResolvedValue(3);
    await service.update('u1', { linked_employee_id: 'emp-9' });
    expect(users.backfillEmployeeEntries).toHaveBeenCalledWith(expect.anything(), 'u1', 'emp-9');
    expect(audit.record.mock.calls.map((c) => c[1])).toEqual([
      expect.objectContaining({ action: 'update', after: expect.objectContaining({ linked_employee_id: 'emp-9' }) }),
      { action: 'time_entries_link', objectType: 'user', objectId: 'u1', details: { employee_id: 'emp-9', entries: 3 } },
    ]);
  });

  it('writes no link audit row when no entry was waiting, and does not backfill when the link is unchanged or cleared', async () => {
    const fresh = setup(user());
    await fresh.service.update('u1', { linked_employee_id: 'emp-9' });
    expect(fresh.audit.record).toHaveBeenCalledTimes(1);

    const same = setup(user({ linkedEmployeeId: 'emp-9' }));
    await same.service.update('u1', { linked_employee_id: 'emp-9' });
    expect(same.users.backfillEmployeeEntries).not.toHaveBeenCalled();

    const cleared = setup(user({ linkedEmployeeId: 'emp-9' }));
    await cleared.service.update('u1', { linked_employee_id: null });
    expect(cleared.users.backfillEmployeeEntries).not.toHaveBeenCalled();
    expect(cleared.users.findByEmployee).not.toHaveBeenCalled();
  });

  it('refuses an employee id another user holds with 409 naming linked_employee_id', async () => {
    const { service, users } = setup(user());
    users.findByEmployee.mockResolvedValue(user({ id: 'u2', name: 'Kim' }));
    await expect(service.update('u1', { linked_employee_id: 'emp-9' })).rejects.toMatchObject({
      status: 409,
      response: { details: [{ field: 'linked_employee_id', errors: ['linked_employee_id is already linked to Kim'] }] },
    });
    expect(users.updateById).not.toHaveBeenCalled();
  });
});
