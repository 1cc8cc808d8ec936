import { PreconditionFailedException } from '@nestjs/common';
import type { TenantBaseEntity } from '@clockwork/shared-entities';
import { AuditWriter } from '../audit/audit.writer';
import { OutboxWriter } from '../outbox/outbox.writer';
import type { TenantRepository } from '../tenancy/tenant.repository';
import { newTestService } from '../testing/new-test-service.builder';
import { AuditedRecord, CrudRecord, RecordWriter } from './record.writer';

type Row = TenantBaseEntity & { version: number; name: string };
const row = (values: Partial<Row> = {}): Row => ({ organizationId: 'o1', id: 'r1', createdAt: new Date(0), updatedAt: new Date(0), version: 3, name: 'A', ...values }) as Row;
const KIND: AuditedRecord<Row> = { objectType: 'thing', view: (r) => ({ name: r.name }) };

function repository(stored: Row) {
  return {
    lockById: jest.fn().mockResolvedValue(stored),
    updateById: jest.fn().mockImplementation(async (_m, _id, values: Partial<Row>) => ({ ...stored, ...values, version: stored.version + 1 })),
    deleteById: jest.fn().mockResolvedValue(undefined),
  } as unknown as jest.Mocked<TenantRepository<Row>>;
}

describe('RecordWriter', () => {
  it('runs work in one transaction and names the caller (a user id only for a user)', async () => {
    const t = newTestService(RecordWriter);
    await expect(t.sut.transaction(async (m) => m)).resolves.toBe(t.manager);
    await expect(t.sut.transaction(async (m) => m, 'REPEATABLE READ')).resolves.toBe(t.manager);
    expect(t.dataSource.transaction.mock.calls.map((args) => args.length)).toEqual([1, 2]);
    expect(t.dataSource.transaction.mock.calls[1][0]).toBe('REPEATABLE READ');
    expect(t.sut.manager).toBe(t.manager);
    expect(t.sut.organizationId).toBe('o1');
    expect(t.sut.userId).toBe('u1');
    t.context.setPrincipal({ kind: 'api_key', id: 'k1', organizationId: 'o1', role: 'admin' });
    expect(t.sut.userId).toBeNull();
    expect(t.sut.principal?.kind).toBe('api_key');
  });

  it("audits a write as the kind shows the record, and records its event in the caller's organization", async () => {
    const t = newTestService(RecordWriter);
    await t.sut.written(t.manager, KIND, 'update', row(), row({ name: 'B' }), { type: 'deal.created', aggregateType: 'thing', aggregateId: 'r1', payload: { id: 'r1' } });
    expect(t.mock(AuditWriter).record).toHaveBeenCalledWith(t.manager, { action: 'update', objectType: 'thing', objectId: 'r1', before: { name: 'A' }, after: { name: 'B' } });
    expect(t.mock(OutboxWriter).record).toHaveBeenCalledWith(t.manager, { organizationId: 'o1', type: 'deal.created', aggregateType: 'thing', aggregateId: 'r1', payload: { id: 'r1' } });
  });

  it('audits a creation and a deletion with null on the missing side, and no event unless given', async () => {
    const t = newTestService(RecordWriter);
    await t.sut.written(t.manager, KIND, 'create', null, row());
    await t.sut.written(t.manager, KIND, 'delete', row(), null);
    expect(t.mock(AuditWriter).record.mock.calls.map(([, entry]) => entry)).toEqual([
      { action: 'create', objectType: 'thing', objectId: 'r1', before: null, after: { name: 'A' } },
      { action: 'delete', objectType: 'thing', objectId: 'r1', before: { name: 'A' }, after: null },
    ]);
    expect(t.mock(OutboxWriter).record).not.toHaveBeenCalled();
  });

  it("publishes a create, update or delete as the aggregate's event: the record after, or its id when deleted", async () => {
    const t = newTestService(RecordWriter);
    const deals: CrudRecord<Row> = { ...KIND, aggregateType: 'deal' };
    await t.sut.changed(t.manager, deals, 'create', null, row());
    await t.sut.changed(t.manager, deals, 'update', row(), row({ name: 'B' }));
    await t.sut.changed(t.manager, deals, 'delete', row(), null);
    expect(t.mock(OutboxWriter).record.mock.calls.map(([, event]) => event)).toEqual([
      { organizationId: 'o1', type: 'deal.created', aggregateType: 'deal', aggregateId: 'r1', payload: { name: 'A' } },
      { organizationId: 'o1', type: 'deal.updated', aggregateType: 'deal', aggregateId: 'r1', payload: { name: 'B' } },
      { organizationId: 'o1', type: 'deal.deleted', aggregateType: 'deal', aggregateId: 'r1', payload: { id: 'r1' } },
    ]);
    expect(t.mock(AuditWriter).record.mock.calls.map(([, entry]) => entry.action)).toEqual(['create', 'update', 'delete']);
  });

  it('updates a versioned record: locked, checked against If-Match, changed and its version bumped', async () => {
    const t = newTestService(RecordWriter);
    const repo = repository(row());
    const { before, after } = await t.sut.updateVersioned(t.manager, repo, 'r1', 3, 'thing', async (b) => ({ name: `${b.name}2` }));
    expect(repo.lockById).toHaveBeenCalledWith(t.manager, 'r1');
    expect(repo.updateById).toHaveBeenCalledWith(t.manager, 'r1', { name: 'A2', version: expect.any(Function) });
    expect((repo.updateById.mock.calls[0][2] as { version: () => string }).version()).toBe('version + 1');
    expect(before.version).toBe(3);
    expect(after).toMatchObject({ name: 'A2', version: 4 });
  });

  it('refuses a stale If-Match with 412 before changing anything', async () => {
    const t = newTestService(RecordWriter);
    const repo = repository(row({ version: 4 }));
    const change = jest.fn();
    await expect(t.sut.updateVersioned(t.manager, repo, 'r1', 3, 'thing', change)).rejects.toThrow(PreconditionFailedException);
    expect(change).not.toHaveBeenCalled();
    expect(repo.updateById).not.toHaveBeenCalled();
  });

  it('lets `may` refuse a write after the lock, before the version check and any change', async () => {
    const t = newTestService(RecordWriter);
    const repo = repository(row({ version: 4 }));
    const refuse = () => {
      throw new Error('not yours');
    };
    await expect(t.sut.updateVersioned(t.manager, repo, 'r1', 3, 'thing', () => ({}), refuse)).rejects.toThrow('not yours');
    await expect(t.sut.deleteLocked(t.manager, repo, 'r1', refuse)).rejects.toThrow('not yours');
    expect(repo.lockById).toHaveBeenCalledTimes(2);
    expect(repo.updateById).not.toHaveBeenCalled();
    expect(repo.deleteById).not.toHaveBeenCalled();
  });

  it('deletes a locked record and returns it as it was', async () => {
    const t = newTestService(RecordWriter);
    const repo = repository(row());
    await expect(t.sut.deleteLocked(t.manager, repo, 'r1')).resolves.toEqual(row());
    expect(repo.lockById.mock.invocationCallOrder[0]).toBeLessThan(repo.deleteById.mock.invocationCallOrder[0]);
    expect(repo.deleteById).toHaveBeenCalledWith(t.manager, 'r1');
  });
});
