// Outbox: domain events written in the transaction, relayed to Bull, handled after commit, pruned by housekeeping.
export * from './domain-event-handlers.registry';
export * from './domain-event-dispatcher.service';
export * from './outbox.module';
export * from './outbox-relay.module';
export * from './outbox.relay';
export * from './outbox.repository';
export * from './outbox.writer';
export * from './outbox.cleanup';
export * from './domain-event.catalogue';
export * from './domain-event-explorer.service';
export * from './on-domain-event.decorators';
