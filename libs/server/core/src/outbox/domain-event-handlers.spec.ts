import type { EntityManager } from 'typeorm';
import { DomainEvent, DomainEventHandlers } from './domain-event-handlers';

const event = (id: string, type: string): DomainEvent => ({ id, organizationId: 'org', type, aggregateType: type.split('.')[0], aggregateId: null, payload: {}, createdAt: new Date(0) });
const manager = {} as EntityManager;

describe('DomainEventHandlers', () => {
  const noop = async () => undefined;

  it('matches exact names, prefixes and the catch-all', () => {
    const registry = new DomainEventHandlers();
    const exact = jest.fn(noop);
    const prefix = jest.fn(noop);
    const all = jest.fn(noop);
    registry.register('deal.created', exact);
    registry.register('deal.*', prefix);
    registry.register('*', all);
    expect(registry.for('deal.created')).toEqual([exact, prefix, all]);
    expect(registry.for('deal.stage_changed')).toEqual([prefix, all]);
    expect(registry.for('dealer.created')).toEqual([all]);
  });

  it('unregisters a handler', () => {
    const registry = new DomainEventHandlers();
    const off = registry.register('task.*', noop);
    const offBatch = registry.registerBatch('task.*', noop);
    off();
    offBatch();
    expect(registry.for('task.created')).toEqual([]);
  });

  it('gives a batch handler the matching events of a batch in one call, and any other handler one call per event', async () => {
    const registry = new DomainEventHandlers();
    const calls: string[] = [];
    registry.registerBatch('deal.*', async (events) => void calls.push(`batch ${events.map((e) => e.id).join(',')}`));
    registry.register('deal.created', async (e) => void calls.push(`each ${e.id}`));
    registry.registerBatch('task.*', async (events) => void calls.push(`tasks ${events.length}`));
    await registry.handle([event('1', 'deal.created'), event('2', 'account.created'), event('3', 'deal.updated'), event('4', 'deal.created')], manager);
    // In registration order; a batch handler with no matching event is not called.
    expect(calls).toEqual(['batch 1,3,4', 'each 1', 'each 4']);
  });

  it('stops at the first handler that throws (the caller rolls the batch back)', async () => {
    const registry = new DomainEventHandlers();
    const later = jest.fn(noop);
    registry.register('*', async (e) => {
      if (e.id === '2') throw new Error('poison');
    });
    registry.registerBatch('*', later);
    await expect(registry.handle([event('1', 'deal.created'), event('2', 'deal.created')], manager)).rejects.toThrow('poison');
    expect(later).not.toHaveBeenCalled();
  });
});
