import { BadRequestException } from '@nestjs/common';
import { DEAL_STAGES as DTO_STAGES } from '@clockwork/shared-dto';
import { DEAL_STAGES as ENTITY_STAGES } from '@clockwork/shared-entities';
import { assertDateOrder, datesAfter, dealColumns, type DealStagePlace, stageColumns } from './deal.rules';

const KINDS: Record<string, DealStagePlace['kind']> = { won: 'won', lost: 'lost' };
/** A stage of pipeline `p` (default p1); won and lost are of their kind, the rest open. */
const at = (key: string, p = 'p1'): DealStagePlace => ({ pipelineId: p, key, kind: KINDS[key] ?? 'open' });

describe('deal rules', () => {
  it('keeps the DTO and entity stage lists identical', () => {
    expect([...DTO_STAGES]).toEqual([...ENTITY_STAGES]);
  });

  describe('stageColumns', () => {
    it('changes nothing when the stage does not move', () => {
      expect(stageColumns(at('won'), at('won'))).toEqual({});
      expect(stageColumns(at('proposal'), at('proposal'))).toEqual({});
    });

    it('closes the deal now, with the reason, when it enters won or lost', () => {
      const won = stageColumns(at('negotiation'), at('won'), 'Signed');
      expect(won).toMatchObject({ stage: 'won', closeReason: 'Signed' });
      expect((won.closedAt as () => string)()).toBe('now()');
      expect(stageColumns(null, at('lost'))).toMatchObject({ stage: 'lost', closeReason: null });
      expect(stageColumns(at('won'), at('lost'))).toMatchObject({ stage: 'lost', closeReason: null });
    });

    it('reopens the deal (clears closed_at and close_reason) when it enters an open stage', () => {
      expect(stageColumns(at('lost'), at('qualification'))).toEqual({ pipelineId: 'p1', stage: 'qualification', closedAt: null, closeReason: null });
      expect(stageColumns(null, at('prospecting'))).toEqual({ pipelineId: 'p1', stage: 'prospecting', closedAt: null, closeReason: null });
    });

    it('moves to another pipeline: same key elsewhere is a move; a won deal to a won stage stays closed as it was', () => {
      expect(stageColumns(at('proposal'), at('proposal', 'p2'))).toEqual({ pipelineId: 'p2', stage: 'proposal', closedAt: null, closeReason: null });
      expect(stageColumns(at('won'), at('won', 'p2'))).toEqual({ pipelineId: 'p2', stage: 'won' });
    });
  });

  it('maps a PUT to every column with defaults, and a PATCH to the fields sent only', () => {
    expect(dealColumns({ name: 'N' }, true)).toEqual({ name: 'N', description: null, value: '0', currency: 'USD', accountId: null, ownerId: null, startDate: null, endDate: null, metadata: {}, hoursBudget: null, moneyBudget: null, budgetPeriod: 'life', billingModel: 'hourly', retainerHoursPerMonth: null, retainerPriceCents: null, retainerOverageRateCents: null, retainerRolloverMonths: null, retainerStartsOn: null });
    expect(dealColumns({ value: '12.50', description: null }, false)).toEqual({ value: '12.50', description: null });
    expect(dealColumns({ hours_budget: null, budget_period: 'month' }, false)).toEqual({ hoursBudget: null, budgetPeriod: 'month' });
  });

  it('refuses an end date before the start date with a 400 naming end_date', () => {
    expect(() => assertDateOrder('2026-01-02', '2026-01-01')).toThrow(BadRequestException);
    try {
      assertDateOrder('2026-01-02', '2026-01-01');
    } catch (e) {
      expect((e as BadRequestException).getResponse()).toMatchObject({ details: [{ field: 'end_date' }] });
    }
    expect(() => assertDateOrder('2026-01-01', '2026-01-01')).not.toThrow();
    expect(() => assertDateOrder(null, '2026-01-01')).not.toThrow();
    expect(() => assertDateOrder('2026-01-01', null)).not.toThrow();
  });

  it('compares the dates a write leaves: sent ones, else stored (PATCH) or none (PUT)', () => {
    const stored = { startDate: '2026-01-10', endDate: '2026-02-01' };
    expect(datesAfter({ end_date: '2026-01-05' }, false, stored)).toEqual(['2026-01-10', '2026-01-05']);
    expect(datesAfter({ end_date: '2026-01-05' }, true, stored)).toEqual([null, '2026-01-05']);
    expect(datesAfter({ start_date: null }, false, stored)).toEqual([null, '2026-02-01']);
    expect(datesAfter({}, false, null)).toEqual([null, null]);
  });
});
