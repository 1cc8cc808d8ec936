import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import type { DomainEventBatchHandler, DomainEventHandler } from './domain-event-handlers.registry';
import { DomainEventHandlers } from './domain-event-handlers.registry';
import { domainEventSubscriptionOf, DomainEventSubscription } from './on-domain-event.decorators';

/** A method declared with `@OnDomainEvent`, on a provider of the application. */
export interface DeclaredDomainEventHandler extends DomainEventSubscription {
  /** `Class.method`. */
  name: string;
  className: string;
  methodName: string;
  /** The Nest module that provides it. */
  moduleName: string;
  /** The provider's instance (absent when the application was only scanned, e.g. in preview mode). */
  instance: Record<string, unknown> | undefined;
}

/**
 * The `@OnDomainEvent` methods of the application's providers, in the order its modules
 * provide them. Works on a scanned application too (preview mode: no instances), which is how
 * docs/events.md is generated.
 */
export function declaredDomainEventHandlers(discovery: DiscoveryService, scanner: MetadataScanner): DeclaredDomainEventHandler[] {
  const found: DeclaredDomainEventHandler[] = [];
  for (const wrapper of discovery.getProviders()) {
    const type = wrapper.metatype;
    if (typeof type !== 'function' || wrapper.inject || !type.prototype) continue;
    const prototype = type.prototype as Record<string, unknown>;
    for (const methodName of scanner.getAllMethodNames(prototype)) {
      const subscription = domainEventSubscriptionOf(prototype[methodName]);
      if (!subscription) continue;
      found.push({ ...subscription, name: `${type.name}.${methodName}`, className: type.name, methodName, moduleName: wrapper.host?.metatype?.name ?? '', instance: wrapper.instance as Record<string, unknown> | undefined });
    }
  }
  return found;
}

/**
 * Registers every `@OnDomainEvent` method of the worker's providers with DomainEventHandlers
 * at start-up, bound to its instance: no handler class carries registration code.
 */
@Injectable()
export class DomainEventExplorer implements OnModuleInit {
  private readonly logger = new Logger(DomainEventExplorer.name);

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly handlers: DomainEventHandlers,
  ) {}

  onModuleInit(): void {
    for (const declared of declaredDomainEventHandlers(this.discovery, this.scanner)) {
      const { instance } = declared;
      if (!instance) throw new Error(`${declared.name} handles domain events but its provider has no instance (request-scoped?)`);
      const method = (instance[declared.methodName] as (...args: unknown[]) => Promise<void>).bind(instance);
      const options = { order: declared.order, name: declared.name };
      if (declared.batch) this.handlers.registerBatch(declared.events, method as DomainEventBatchHandler, options);
      else this.handlers.register(declared.events, method as DomainEventHandler, options);
      this.logger.debug(`${declared.name} <- ${declared.events.join(', ')}`);
    }
  }
}
