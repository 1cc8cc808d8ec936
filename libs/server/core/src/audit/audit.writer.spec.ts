import { AuditLog } from '@clockwork/shared-entities';
import type { EntityManager } from 'typeorm';
import { newTestService } from '../testing/new-test-service.builder';
import { ANONYMOUS_ACTOR, AuditWriter, SYSTEM_ACTOR } from './audit.writer';

describe('AuditWriter.recordAs', () => {
  function setup() {
    const t = newTestService(AuditWriter);
    (t.manager as unknown as { queryRunner: unknown }).queryRunner = { isTransactionActive: true };
    const written = () => (t.manager.insert as jest.Mock).mock.calls.map(([entity, row]) => ({ entity, row }));
    return { ...t, written, manager: t.manager as EntityManager };
  }

  it("writes the row in the given organization by the given actor, not the caller's", async () => {
    const { sut, manager, written } = setup();
    await sut.recordAs(manager, 'o2', SYSTEM_ACTOR, { action: 'pause', objectType: 'report_schedule', objectId: 's1', details: { why: 'owner_deactivated' } });
    await sut.recordAs(manager, 'o3', { type: 'user', id: 'u9' }, { action: 'create', objectType: 'user', objectId: 'u9', before: null, after: { name: 'Ann' } });
    await sut.recordAs(manager, 'o4', ANONYMOUS_ACTOR, { action: 'login_failed', objectType: 'user', objectId: 'u1' });
    expect(written().map(({ entity }) => entity)).toEqual([AuditLog, AuditLog, AuditLog]);
    expect(written().map(({ row }) => [row.organizationId, row.actorType, row.actorId, row.action])).toEqual([
      ['o2', 'system', null, 'pause'],
      ['o3', 'user', 'u9', 'create'],
      ['o4', 'anonymous', null, 'login_failed'],
    ]);
    expect(written()[0].row.changes).toEqual({ why: 'owner_deactivated' });
    expect(written()[1].row.changes).toEqual({ name: { from: null, to: 'Ann' } });
  });

  it('refuses to write outside a transaction', async () => {
    const { sut, manager } = setup();
    (manager as unknown as { queryRunner: unknown }).queryRunner = undefined;
    await expect(sut.recordAs(manager, 'o2', SYSTEM_ACTOR, { action: 'pause', objectType: 'report_schedule', objectId: 's1' })).rejects.toThrow('must be written inside a transaction');
  });
});
