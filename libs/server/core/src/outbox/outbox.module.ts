import { Global, Module } from '@nestjs/common';
import { DomainEventHandlers } from './domain-event-handlers.registry';
import { OutboxRepository } from './outbox.repository';
import { OutboxWriter } from './outbox.writer';

/** Lets any domain service record events and any domain module subscribe to them. */
@Global()
@Module({
  providers: [OutboxWriter, OutboxRepository, DomainEventHandlers],
  exports: [OutboxWriter, OutboxRepository, DomainEventHandlers],
})
export class OutboxModule {}
