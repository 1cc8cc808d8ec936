export * from './lib/integrations.module';
export * from './lib/integrations.service';
export * from './lib/integration-base-url';
export * from './lib/signing-secret';
export * from './lib/webhook-signature';
export * from './lib/integrations-worker.module';
export * from './lib/webhook-receipts.cleanup';
