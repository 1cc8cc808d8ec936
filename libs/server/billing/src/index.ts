export * from './lib/billing.module';
export * from './lib/money';
export * from './lib/rates/rate-resolution';
export * from './lib/rates/rates.repository';
export * from './lib/invoices/invoices.service';
export * from './lib/accounting-sync/accounting-sync-worker.module';
