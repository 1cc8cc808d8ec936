import { Injectable, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import type { EntityManager } from 'typeorm';
import { eventsOf } from './domain-event.catalogue';
import { DomainEventExplorer } from './domain-event-explorer.service';
import { DomainEvent, DomainEventHandlers } from './domain-event-handlers.registry';
import { OnDomainEvent } from './on-domain-event.decorators';

const event = (id: string, type: string): DomainEvent => ({ id, organizationId: 'org', type, aggregateType: type.split('.')[0], aggregateId: null, payload: {}, createdAt: new Date(0) });
const manager = {} as EntityManager;

describe('DomainEventHandlers', () => {
  const noop = async () => undefined;

  it('gives a handler the events it names, nothing else', () => {
    const registry = new DomainEventHandlers();
    const exact = jest.fn(noop);
    const deals = jest.fn(noop);
    registry.register('deal.created', exact);
    registry.register(eventsOf('deal'), deals);
    expect(registry.for('deal.created')).toEqual([exact, deals]);
    expect(registry.for('deal.stage_changed')).toEqual([deals]);
    expect(registry.for('dealer.created')).toEqual([]);
  });

  it('unregisters a handler', () => {
    const registry = new DomainEventHandlers();
    const off = registry.register(eventsOf('task'), noop);
    const offBatch = registry.registerBatch(eventsOf('task'), noop);
    off();
    offBatch();
    expect(registry.for('task.created')).toEqual([]);
    expect(registry.list()).toEqual([]);
  });

  it('gives a batch handler the matching events of a batch in one call, and any other handler one call per event', async () => {
    const registry = new DomainEventHandlers();
    const calls: string[] = [];
    registry.registerBatch(eventsOf('deal'), async (events) => void calls.push(`batch ${events.map((e) => e.id).join(',')}`));
    registry.register('deal.created', async (e) => void calls.push(`each ${e.id}`));
    registry.registerBatch(eventsOf('task'), async (events) => void calls.push(`tasks ${events.length}`));
    await registry.handle([event('1', 'deal.created'), event('2', 'account.created'), event('3', 'deal.updated'), event('4', 'deal.created')], manager);
    // In registration order; a batch handler with no matching event is not called.
    expect(calls).toEqual(['batch 1,3,4', 'each 1', 'each 4']);
  });

  it('runs handlers by their order, then in registration order', async () => {
    const registry = new DomainEventHandlers();
    const calls: string[] = [];
    const record = (name: string) => async () => void calls.push(name);
    registry.register('deal.created', record('a (0)'));
    registry.register('deal.created', record('b (10)'), { order: 10 });
    registry.register('deal.created', record('c (-5)'), { order: -5, name: 'C.handle' });
    registry.register('deal.created', record('d (0)'));
    await registry.handle([event('1', 'deal.created')], manager);
    expect(calls).toEqual(['c (-5)', 'a (0)', 'd (0)', 'b (10)']);
    expect(registry.list()[0]).toMatchObject({ name: 'C.handle', order: -5, batch: false });
  });

  it('stops at the first handler that throws (the caller rolls the batch back)', async () => {
    const registry = new DomainEventHandlers();
    const later = jest.fn(noop);
    registry.register('deal.created', async (e) => {
      if (e.id === '2') throw new Error('poison');
    });
    registry.registerBatch('deal.created', later);
    await expect(registry.handle([event('1', 'deal.created'), event('2', 'deal.created')], manager)).rejects.toThrow('poison');
    expect(later).not.toHaveBeenCalled();
  });

  it('returns the after-commit work the handlers asked for, without running it', async () => {
    const registry = new DomainEventHandlers();
    const kick = jest.fn();
    registry.registerBatch('deal.created', async (_events, _m, tx) => tx.afterCommit(kick));
    const afterCommit = await registry.handle([event('1', 'deal.created')], manager);
    expect(kick).not.toHaveBeenCalled();
    afterCommit.forEach((work) => work());
    expect(kick).toHaveBeenCalledTimes(1);
  });
});

describe('@OnDomainEvent and DomainEventExplorer', () => {
  const calls: string[] = [];

  @Injectable()
  class DealsWatcher {
    @OnDomainEvent('deal.closed')
    async closed(e: DomainEvent): Promise<void> {
      calls.push(`closed ${e.id}`);
    }

    @OnDomainEvent(eventsOf('deal'), { batch: true, order: -1 })
    async all(events: DomainEvent[]): Promise<void> {
      calls.push(`all ${events.map((e) => e.id).join(',')}`);
    }

    notAHandler(): void {
      calls.push('never');
    }
  }

  @Module({ providers: [DealsWatcher] })
  class WatcherModule {}

  it('registers every decorated method of the providers at start-up, bound to its instance, by order', async () => {
    const app = await Test.createTestingModule({ imports: [DiscoveryModule, WatcherModule], providers: [DomainEventHandlers, DomainEventExplorer] }).compile();
    await app.init();
    const registry = app.get(DomainEventHandlers);
    expect(registry.list().map((r) => ({ name: r.name, batch: r.batch, events: [...r.events] }))).toEqual([
      { name: 'DealsWatcher.all', batch: true, events: eventsOf('deal') },
      { name: 'DealsWatcher.closed', batch: false, events: ['deal.closed'] },
    ]);
    await registry.handle([event('1', 'deal.created'), event('2', 'deal.closed'), event('3', 'task.created')], manager);
    expect(calls).toEqual(['all 1,2', 'closed 2']);
    await app.close();
  });
});
