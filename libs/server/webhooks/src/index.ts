export * from './lib/webhooks.module';
export * from './lib/webhooks-worker.module';
export * from './lib/outbound-signature.builder';
export * from './lib/retry-schedule.rules';
export * from './lib/webhook-deliveries.cleanup';
