export * from './lib/webhooks.module';
export * from './lib/webhooks-worker.module';
export * from './lib/webhook-signature';
export * from './lib/retry-schedule';
export * from './lib/webhook-deliveries.cleanup';
