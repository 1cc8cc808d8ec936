import { DomainEventHandlers } from './domain-event-handlers';

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
    off();
    expect(registry.for('task.created')).toEqual([]);
  });
});
