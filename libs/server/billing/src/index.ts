export * from './lib/billing.module';
export * from './lib/money.util';
export * from './lib/rates/rate-resolution.rules';
export * from './lib/rates/rates.repository';
export * from './lib/invoices/invoices.service';
export * from './lib/rates/rates.service';
export * from './lib/cost-rates/cost-rate-resolution.rules';
export * from './lib/accounting-sync/accounting-sync-worker.module';
