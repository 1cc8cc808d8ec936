import { Logger } from '@nestjs/common';
import type { OutboxRepository } from '@clockwork/server-core';
import type { DataSource } from 'typeorm';
import { HousekeepingService } from './housekeeping.service';

describe('HousekeepingService pruning', () => {
  beforeAll(() => jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined));

  it('deletes processed events in chunks until a chunk comes back short, with the cut-off OUTBOX_RETENTION_DAYS ago', async () => {
    const deleteProcessedBefore = jest.fn().mockResolvedValueOnce(3).mockResolvedValueOnce(3).mockResolvedValueOnce(1);
    const service = new HousekeepingService({} as DataSource, { deleteProcessedBefore } as unknown as OutboxRepository);
    const before = Date.now();
    expect(await service.deleteProcessedEvents(7, 3)).toBe(7);
    expect(deleteProcessedBefore).toHaveBeenCalledTimes(3);
    const [cutoff, chunk] = deleteProcessedBefore.mock.calls[0] as [Date, number];
    expect(chunk).toBe(3);
    expect(before - 7 * 86_400_000 - cutoff.getTime()).toBeLessThanOrEqual(0);
    expect(Date.now() - 7 * 86_400_000 - cutoff.getTime()).toBeGreaterThanOrEqual(0);
  });

  it('deletes finished deliveries (never pending ones) in bounded statements until one deletes less than a chunk', async () => {
    const query = jest.fn().mockResolvedValueOnce([[], 2]).mockResolvedValueOnce([[], 2]).mockResolvedValueOnce([[], 0]);
    const service = new HousekeepingService({ query } as unknown as DataSource, {} as OutboxRepository);
    expect(await service.deleteFinishedDeliveries(30, 2)).toBe(4);
    expect(query).toHaveBeenCalledTimes(3);
    const [sql, params] = query.mock.calls[0] as [string, unknown[]];
    expect(sql).toMatch(/state <> 'pending'/);
    expect(sql).toMatch(/LIMIT \$1/);
    expect(params).toEqual([2, 30]);
  });
});
