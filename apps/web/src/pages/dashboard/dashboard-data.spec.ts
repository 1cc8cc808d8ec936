import type { DealDto, TimeEntryDto } from '@clockwork/api-client';
import { describe, expect, it } from 'vitest';
import { hoursPerDeal, pipelineByStage, revenueMetrics, topAccounts } from './dashboard-data';

const deal = (stage: DealDto['stage'], value: string, account_id: string | null = null) => ({ stage, value, account_id }) as DealDto;
const deals = [deal('prospecting', '100', 'a'), deal('proposal', '250.50', 'b'), deal('won', '1000', 'a'), deal('lost', '900', 'b'), deal('won', '50', null)];

describe('dashboard figures', () => {
  it('sums deals per stage, every stage present in pipeline order', () => {
    expect(pipelineByStage(deals).map((s) => [s.stage, s.count, s.value])).toEqual([
      ['prospecting', 1, 100],
      ['qualification', 0, 0],
      ['proposal', 1, 250.5],
      ['negotiation', 0, 0],
      ['won', 2, 1050],
      ['lost', 1, 900],
    ]);
  });

  it('computes open value, won value and the win rate of closed deals', () => {
    expect(revenueMetrics(deals)).toEqual({ openValue: 350.5, wonValue: 1050, openCount: 2, winRate: 2 / 3 });
    expect(revenueMetrics([]).winRate).toBeNull();
  });

  it('ranks accounts by the value of their deals that are not lost', () => {
    expect(topAccounts(deals)).toEqual([
      { accountId: 'a', value: 1100, deals: 2 },
      { accountId: 'b', value: 250.5, deals: 1 },
    ]);
  });

  it('adds up hours per deal, leaving out entries without a deal', () => {
    const entries = [
      { deal_id: 'x', duration_seconds: 3600 },
      { deal_id: 'y', duration_seconds: 9000 },
      { deal_id: 'x', duration_seconds: 1800 },
      { deal_id: null, duration_seconds: 99999 },
    ] as TimeEntryDto[];
    expect(hoursPerDeal(entries)).toEqual([
      { dealId: 'y', hours: 2.5 },
      { dealId: 'x', hours: 1.5 },
    ]);
  });
});
