import { decodeCursor } from '@clockwork/server-core';
import type { AuditLogPageDto } from '@clockwork/shared-dto';
import type { AuditLog } from '@clockwork/shared-entities';
import { AuditLogsController } from './audit-logs.controller';
import { AuditLogsRepository } from './audit-logs.repository';

const row = (i: number): AuditLog =>
  ({ id: `00000000-0000-7000-8000-${String(i).padStart(12, '0')}`, organizationId: 'o', actorType: 'user', actorId: null, action: 'update', objectType: 'user', objectId: null, changes: {}, requestId: 'r', ip: null, createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)) }) as AuditLog;

describe('AuditLogsController.list', () => {
  it('returns a page in the contract shape and a cursor at the last row when there is more', async () => {
    const logs = { listPage: jest.fn(async () => [row(3), row(2), row(1)]) } as unknown as jest.Mocked<AuditLogsRepository>;
    const page = (await new AuditLogsController(logs).list({ limit: 2, object_type: 'user' }, {} as never)) as AuditLogPageDto;
    expect(logs.listPage).toHaveBeenCalledWith({ objectType: 'user', objectId: undefined, actorId: undefined, action: undefined }, 3, null);
    expect(page.data.map((d) => d.timestamp)).toEqual(['2026-01-01T00:00:03.000Z', '2026-01-01T00:00:02.000Z']);
    expect(page.data[0]).toEqual({ id: row(3).id, actor_type: 'user', actor_id: null, action: 'update', object_type: 'user', object_id: null, changes: {}, request_id: 'r', timestamp: '2026-01-01T00:00:03.000Z' });
    expect(decodeCursor(page.next_cursor as string, { cast: 'timestamptz' })).toEqual({ value: '2026-01-01T00:00:02.000Z', id: row(2).id });
  });

  it('ends the list with a null cursor', async () => {
    const logs = { listPage: jest.fn(async () => [row(1)]) } as unknown as jest.Mocked<AuditLogsRepository>;
    expect(((await new AuditLogsController(logs).list({}, {} as never)) as AuditLogPageDto).next_cursor).toBeNull();
  });
});
