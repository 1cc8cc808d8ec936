export * from './lib/integrations.module';
export * from './lib/integrations.service';
export * from './lib/integration-base-url.validator';
export * from './lib/signing-secret.util';
export * from './lib/inbound-signature.validator';
export * from './lib/integrations-worker.module';
export * from './lib/webhook-receipts.cleanup';
