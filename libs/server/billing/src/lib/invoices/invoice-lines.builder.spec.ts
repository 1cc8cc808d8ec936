import { ConflictException, UnprocessableEntityException } from '@nestjs/common';
import { assertTransition, canMove, invoiceNumber } from './invoice-lifecycle.rules';
import { BillableGroup, buildLines } from './invoice-lines.builder';

const group = (over: Partial<BillableGroup>): BillableGroup => ({
  deal_id: 'd1', deal_name: 'Rollout', user_id: 'u1', user_name: 'Ada', rate_id: 'r1', rate_level: 'deal', hourly_rate: '100.00', rate_currency: 'USD', seconds: '3600', entry_ids: ['e1'], ...over,
});

describe('buildLines', () => {
  const eur = new Map([['EUR', { base_currency: 'EUR', quote_currency: 'USD', rate: '1.1000000000', rate_date: '2026-03-31' }]]);

  it('prices, converts and totals the lines, naming the rates it used', () => {
    const { lines, totals, used } = buildLines([group({}), group({ rate_id: 'r2', hourly_rate: '50.00', rate_currency: 'EUR', seconds: '5400', entry_ids: ['e2', 'e3'] })], 'USD', eur, '10', '2026-04-01');
    expect(lines.map((l) => [l.position, l.description, l.hours, l.exchange_rate, l.exchange_rate_date, l.amount])).toEqual([
      [1, 'Rollout — Ada', '1.00', '1', null, '100.00'],
      [2, 'Rollout — Ada', '1.50', '1.1000000000', '2026-03-31', '82.50'],
    ]);
    expect(totals).toEqual({ subtotal: '182.50', tax_amount: '18.25', total: '200.75' });
    expect(used).toEqual([eur.get('EUR')]);
  });

  it('refuses entries without a rate and currencies without a stored exchange rate', () => {
    expect(() => buildLines([group({ rate_id: null, hourly_rate: null, rate_currency: null, entry_ids: ['a', 'b'] })], 'USD', eur, '0', '2026-04-01')).toThrow(UnprocessableEntityException);
    expect(() => buildLines([group({ rate_currency: 'GBP' })], 'USD', eur, '0', '2026-04-01')).toThrow(/GBP->USD/);
  });
});

describe('invoice lifecycle', () => {
  it('allows draft -> issued -> paid | void and draft -> void only', () => {
    expect(['issued', 'void'].every((to) => canMove('draft', to as 'issued'))).toBe(true);
    expect(canMove('issued', 'paid') && canMove('issued', 'void')).toBe(true);
    expect(canMove('draft', 'paid') || canMove('paid', 'void') || canMove('void', 'issued') || canMove('issued', 'draft')).toBe(false);
    expect(() => assertTransition('paid', 'void')).toThrow(ConflictException);
    expect(() => assertTransition('paid', 'void')).toThrow(/The invoice is paid/);
    expect(invoiceNumber(2026, 7)).toBe('INV-2026-0007');
  });
});
