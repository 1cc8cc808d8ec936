export * from './lib/billing.module';
export * from './lib/money';
export * from './lib/rates/rate-resolution';
export * from './lib/rates/rates.repository';
export * from './lib/invoices/invoices.service';
export * from './lib/cost-rates/cost-rate-resolution';
