export * from './lib/deals.module';
export * from './lib/deals.repository';
export * from './lib/deal-stage-history.repository';
export * from './lib/deals.service';
export * from './lib/deal.mapper';
export * from './lib/deal.rules';
export * from './lib/deals-worker.module';
export * from './lib/budgets/deal-budget-alerts.service';
