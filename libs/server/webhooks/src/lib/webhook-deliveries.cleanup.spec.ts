import type { Env, HousekeepingRegistry } from '@clockwork/server-core';
import type { DataSource } from 'typeorm';
import { WebhookDeliveriesCleanup } from './webhook-deliveries.cleanup';

describe('WebhookDeliveriesCleanup', () => {
  it('deletes finished deliveries (never pending ones) in bounded statements until one deletes less than a chunk', async () => {
    const query = jest.fn().mockResolvedValueOnce([[], 2]).mockResolvedValueOnce([[], 2]).mockResolvedValueOnce([[], 0]);
    const cleanup = new WebhookDeliveriesCleanup({ query } as unknown as DataSource, {} as HousekeepingRegistry, {} as Env);
    expect(await cleanup.deleteFinishedDeliveries(30, 2)).toBe(4);
    expect(query).toHaveBeenCalledTimes(3);
    const [sql, params] = query.mock.calls[0] as [string, unknown[]];
    expect(sql).toMatch(/state <> 'pending'/);
    expect(sql).toMatch(/LIMIT \$1/);
    expect(params).toEqual([2, 30]);
  });
});
