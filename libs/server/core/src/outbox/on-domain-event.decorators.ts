import type { DomainEventType } from './domain-event.catalogue';

export interface OnDomainEventOptions {
  /**
   * Give the method all the matching events of a batch (one organization, oldest first) in one
   * call — `(events, manager, tx)` — instead of one call per event — `(event, manager, tx)`.
   */
  batch?: boolean;
  /**
   * Lower runs first within a batch's transaction (default 0); equal orders run in the order
   * the worker's modules provide the handlers. Today no handler reads another's writes.
   */
  order?: number;
}

/** What the decorator records on a handler method. */
export interface DomainEventSubscription {
  events: readonly DomainEventType[];
  batch: boolean;
  order: number;
}

export const ON_DOMAIN_EVENT = 'clockwork:on-domain-event';

/**
 * Subscribes a provider's method to domain events, by their catalogued names
 * (domain-event.catalogue.ts; `eventsOf('time_entry')` for a whole aggregate). The method runs
 * in the worker, inside the transaction that marks the events processed, so its writes commit
 * exactly once. The worker finds decorated methods at start-up (DomainEventExplorer): the
 * handler class only needs to be a provider of a module the worker imports.
 *
 *   @OnDomainEvent('import.created')
 *   enqueue(event: DomainEvent): Promise<void>
 *
 *   @OnDomainEvent(eventsOf('time_entry'), { batch: true })
 *   synced(events: DomainEvent[], manager: EntityManager): Promise<void>
 */
export function OnDomainEvent(events: DomainEventType | readonly DomainEventType[], options: OnDomainEventOptions = {}): MethodDecorator {
  const subscription: DomainEventSubscription = { events: typeof events === 'string' ? [events] : [...events], batch: options.batch ?? false, order: options.order ?? 0 };
  if (subscription.events.length === 0) throw new Error('@OnDomainEvent needs at least one event type');
  return (_target, _key, descriptor) => {
    Reflect.defineMetadata(ON_DOMAIN_EVENT, subscription, descriptor.value as object);
    return descriptor;
  };
}

/** The subscription declared on a method, if any. */
export function domainEventSubscriptionOf(method: unknown): DomainEventSubscription | undefined {
  return typeof method === 'function' ? Reflect.getMetadata(ON_DOMAIN_EVENT, method) : undefined;
}
