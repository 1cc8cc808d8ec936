import type { EntityManager } from 'typeorm';
import { NotificationWriter } from './notification.writer';

const managerWith = (active: boolean) => {
  const query = jest.fn(async (_sql: string, _params: unknown[]) => [{ id: 'n1' }]);
  return { manager: { queryRunner: { isTransactionActive: active }, query } as unknown as EntityManager, query };
};

describe('NotificationWriter', () => {
  const writer = new NotificationWriter();

  it('refuses to write outside a transaction', async () => {
    const { manager, query } = managerWith(false);
    await expect(writer.record(manager, 'org', { userId: 'u1', kind: 'k', title: 't' })).rejects.toThrow('inside a transaction');
    expect(query).not.toHaveBeenCalled();
  });

  it('sends one row per recipient and key (the last wins), in recipient order, and keeps keyless ones apart', async () => {
    const { manager, query } = managerWith(true);
    await writer.recordMany(manager, 'org', [
      { userId: 'u2', kind: 'k', title: 'first', dedupeKey: 'e1' },
      { userId: 'u1', kind: 'k', title: 'other user', dedupeKey: 'e1', email: true },
      { userId: 'u2', kind: 'k', title: 'second', dedupeKey: 'e1' },
      { userId: 'u2', kind: 'k', title: 'plain a' },
      { userId: 'u2', kind: 'k', title: 'plain b' },
    ]);
    const rows = JSON.parse(query.mock.calls[0][1][1] as string) as { user_id: string; title: string; email_status: string | null; body: string }[];
    expect(rows.map((r) => [r.user_id, r.title])).toEqual([['u1', 'other user'], ['u2', 'second'], ['u2', 'plain a'], ['u2', 'plain b']]);
    expect(rows[0]).toMatchObject({ email_status: 'pending', body: '' });
    expect(rows[1].email_status).toBeNull();
  });

  it('writes nothing for no notifications', async () => {
    const { manager, query } = managerWith(true);
    expect(await writer.recordMany(manager, 'org', [])).toBe(0);
    expect(query).not.toHaveBeenCalled();
  });
});
