import { isPublishedWebhookEvent, WEBHOOK_EVENT_FAMILIES, WEBHOOK_EVENT_NAMES } from '@clockwork/shared-dto';
import { DOMAIN_EVENT_TYPES, DOMAIN_EVENTS, eventsOf, isDomainEventType, webhookEvents } from './domain-event.catalogue';

describe('the domain event catalogue', () => {
  it('names each event <aggregate>.<what happened>', () => {
    for (const type of DOMAIN_EVENT_TYPES) expect(type).toBe(`${DOMAIN_EVENTS[type].aggregate}.${type.split('.')[1]}`);
  });

  it('marks as outbound webhooks exactly the events the webhook contract publishes', () => {
    for (const type of DOMAIN_EVENT_TYPES) expect([type, DOMAIN_EVENTS[type].webhook]).toEqual([type, isPublishedWebhookEvent(type)]);
    for (const name of WEBHOOK_EVENT_NAMES) expect(webhookEvents()).toContain(name);
    for (const family of WEBHOOK_EVENT_FAMILIES) expect(webhookEvents()).toEqual(expect.arrayContaining(eventsOf(family)));
  });

  it('expands an aggregate to its events, and refuses an unknown one', () => {
    expect(eventsOf('time_entry')).toEqual(['time_entry.mapped', 'time_entry.unmapped', 'time_entry.updated']);
    expect(() => eventsOf('dealer')).toThrow(/No domain events/);
    expect(isDomainEventType('deal.closed')).toBe(true);
    expect(isDomainEventType('deal.*')).toBe(false);
  });
});
