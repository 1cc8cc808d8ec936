import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { QUEUES } from '@clockwork/shared-jobs';
import { DomainEventDispatcher } from './domain-event-dispatcher.service';
import { DomainEventExplorer } from './domain-event-explorer.service';
import { DomainEventsProcessor } from './domain-events.processor';
import { OutboxCleanup } from './outbox.cleanup';
import { OutboxRelay } from './outbox.relay';

/**
 * Worker side of the outbox: the relay into Bull, the processor that runs the handlers, the
 * explorer that finds the `@OnDomainEvent` handlers of the worker's modules, and the pruning of
 * processed events.
 */
@Module({
  imports: [
    DiscoveryModule,
    BullModule.registerQueue({
      name: QUEUES.domainEvents,
      defaultJobOptions: {
        attempts: 10,
        backoff: { type: 'exponential', delay: 1000 },
        removeOnComplete: 1000,
        removeOnFail: false,
      },
    }),
  ],
  providers: [OutboxRelay, DomainEventDispatcher, DomainEventsProcessor, DomainEventExplorer, OutboxCleanup],
  exports: [OutboxRelay, DomainEventDispatcher],
})
export class OutboxRelayModule {}
