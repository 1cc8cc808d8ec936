import { createExchangeRate } from '../billing-fixture';
import { recordCases, type DomainFixture } from './domain-fixture';

const fixture: DomainFixture = {
  resource: 'exchange-rates',
  create: (app, admin) => createExchangeRate(app, admin, { rate_date: '2026-01-15' }),
  audit: {
    'POST /api/v1/exchange-rates': {
      call: async (app, admin) => {
        const id = await createExchangeRate(app, admin, { base_currency: 'gbp', quote_currency: 'EUR', rate: 1.17 });
        return { expected: { action: 'create', object_type: 'exchange_rate', object_id: id, actor_id: admin.userId, changes: { base_currency: { from: null, to: 'GBP' }, rate: { from: null, to: '1.1700000000' } } } };
      },
    },
    ...recordCases({
      'DELETE /api/v1/exchange-rates/{id}': { create: (app, admin) => createExchangeRate(app, admin), expected: { action: 'delete', object_type: 'exchange_rate', changes: { rate: { from: '0.9215000000', to: null } } } },
    }),
  },
};
export default fixture;
