import { Injectable } from '@nestjs/common';
import { OutboxWriter } from '@clockwork/server-core';
import { NewNotification, NotificationWriter } from '@clockwork/server-notifications';
import type { BudgetBurnDto, DealBudgetThresholdPayload } from '@clockwork/shared-dto';
import { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { crossed, dealBudgetOf, todayUtc } from './deal-budget-figures.rules';
import { DealBudgetRepository, NewAlert } from './deal-budget.repository';

const UNIT = (b: BudgetBurnDto) => (b.kind === 'hours' ? 'hours' : b.currency ?? '');

/**
 * Fires budget alerts: for each given deal with a budget, every threshold its current period's
 * burn has reached becomes a row of deal_budget_alerts, inserted ON CONFLICT DO NOTHING on the
 * unique (deal, kind, period, threshold), so concurrent checks (several ingestion batches at once)
 * fire each one exactly once. Each inserted row records, in the caller's transaction, a
 * `deal.budget_threshold` event and a notification (in the app and by email) to the deal's owner
 * and the managers.
 */
@Injectable()
export class DealBudgetAlertsService {
  constructor(
    private readonly budgets: DealBudgetRepository,
    private readonly notifications: NotificationWriter,
    private readonly outbox: OutboxWriter,
  ) {}

  async check(manager: EntityManager, organizationId: string, dealIds: string[]): Promise<number> {
    if (dealIds.length === 0) return 0;
    const today = todayUtc();
    const rows = await this.budgets.burn(manager, organizationId, today, [...new Set(dealIds)].sort());
    if (rows.length === 0) return 0;
    const [thresholds, alerted] = await Promise.all([this.budgets.thresholds(manager, organizationId), this.budgets.alerted(manager, organizationId, rows)]);
    const candidates: Array<NewAlert & { payload: DealBudgetThresholdPayload }> = [];
    for (const row of rows) {
      const budget = dealBudgetOf(row, today, thresholds, alerted.filter((a) => a.deal_id === row.deal_id));
      for (const burn of budget.budgets) {
        for (const threshold of crossed(burn, thresholds)) {
          const payload: DealBudgetThresholdPayload = { deal_id: row.deal_id, deal_name: row.deal_name, owner_id: row.owner_id, kind: burn.kind, period: budget.period, threshold, percent: burn.percent, used: burn.used, budget: burn.budget, currency: burn.currency };
          candidates.push({ id: uuidv7(), deal_id: row.deal_id, kind: burn.kind, period: budget.period, threshold, used: burn.used, budget: burn.budget, payload });
        }
      }
    }
    const inserted = new Set((await this.budgets.insertAlerts(manager, organizationId, candidates)).map((a) => a.id));
    const fired = candidates.filter((c) => inserted.has(c.id));
    if (fired.length === 0) return 0;
    await this.outbox.recordMany(manager, organizationId, fired.map((f) => ({ type: 'deal.budget_threshold', aggregateType: 'deal', aggregateId: f.deal_id, payload: { ...f.payload } })));
    const notes: NewNotification[] = [];
    for (const f of fired) {
      const p = f.payload;
      for (const userId of await this.budgets.recipients(manager, organizationId, p.owner_id)) {
        notes.push({
          userId,
          kind: 'deal.budget_threshold',
          title: `${p.deal_name}: ${p.threshold}% of the ${p.kind} budget used`,
          body: `${p.used} of ${p.budget} ${UNIT({ kind: p.kind, currency: p.currency } as BudgetBurnDto)} (${p.percent}%) ${p.period === 'life' ? 'so far' : `in ${p.period}`}.`,
          link: `/deals/${p.deal_id}`,
          data: { ...p },
          dedupeKey: `deal.budget_threshold:${f.id}`,
          email: true,
        });
      }
    }
    await this.notifications.recordMany(manager, organizationId, notes);
    return fired.length;
  }
}
