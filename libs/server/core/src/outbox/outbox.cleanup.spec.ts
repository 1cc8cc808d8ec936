import type { Env } from '../config/environment.config';
import { HousekeepingRegistry } from '../housekeeping/housekeeping.registry';
import { OutboxCleanup } from './outbox.cleanup';
import type { OutboxRepository } from './outbox.repository';

describe('OutboxCleanup', () => {
  it('deletes processed events in chunks until a chunk comes back short, with the cut-off OUTBOX_RETENTION_DAYS ago', async () => {
    const deleteProcessedBefore = jest.fn().mockResolvedValueOnce(3).mockResolvedValueOnce(3).mockResolvedValueOnce(1);
    const cleanup = new OutboxCleanup({ deleteProcessedBefore } as unknown as OutboxRepository, new HousekeepingRegistry(), {} as Env);
    const before = Date.now();
    expect(await cleanup.deleteProcessedEvents(7, 3)).toBe(7);
    expect(deleteProcessedBefore).toHaveBeenCalledTimes(3);
    const [cutoff, chunk] = deleteProcessedBefore.mock.calls[0] as [Date, number];
    expect(chunk).toBe(3);
    expect(before - 7 * 86_400_000 - cutoff.getTime()).toBeLessThanOrEqual(0);
    expect(Date.now() - 7 * 86_400_000 - cutoff.getTime()).toBeGreaterThanOrEqual(0);
  });

  it('registers as outbox_events with OUTBOX_RETENTION_DAYS', async () => {
    const deleteProcessedBefore = jest.fn().mockResolvedValue(0);
    const registry = new HousekeepingRegistry();
    new OutboxCleanup({ deleteProcessedBefore } as unknown as OutboxRepository, registry, { OUTBOX_RETENTION_DAYS: 3 } as Env).onModuleInit();
    expect(await registry.runAll()).toEqual({ outbox_events: 0 });
    const [cutoff] = deleteProcessedBefore.mock.calls[0] as [Date];
    expect(Math.round((Date.now() - cutoff.getTime()) / 86_400_000)).toBe(3);
  });
});
