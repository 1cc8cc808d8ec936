import type { DealBudgetDto, DealDto, TimeEntryDto } from '@clockwork/api-client';
import { dealStages, type DealStage } from '../../components/badges';

export interface StageSummary {
  stage: DealStage;
  count: number;
  value: number;
}

/** Deals per stage with their summed value, every stage present (in pipeline order). */
export function pipelineByStage(deals: readonly DealDto[]): StageSummary[] {
  return dealStages.map((stage) => {
    const inStage = deals.filter((d) => d.stage === stage);
    return { stage, count: inStage.length, value: inStage.reduce((sum, d) => sum + Number(d.value || 0), 0) };
  });
}

export interface RevenueMetrics {
  openValue: number;
  wonValue: number;
  openCount: number;
  winRate: number | null;
}

export function revenueMetrics(deals: readonly DealDto[]): RevenueMetrics {
  const open = deals.filter((d) => d.stage !== 'won' && d.stage !== 'lost');
  const won = deals.filter((d) => d.stage === 'won');
  const lost = deals.filter((d) => d.stage === 'lost');
  const sum = (list: DealDto[]) => list.reduce((total, d) => total + Number(d.value || 0), 0);
  const closed = won.length + lost.length;
  return { openValue: sum(open), wonValue: sum(won), openCount: open.length, winRate: closed ? won.length / closed : null };
}

/** Accounts ranked by the value of their open and won deals. */
export function topAccounts(deals: readonly DealDto[], limit = 5): Array<{ accountId: string; value: number; deals: number }> {
  const totals = new Map<string, { value: number; deals: number }>();
  for (const deal of deals) {
    if (!deal.account_id || deal.stage === 'lost') continue;
    const entry = totals.get(deal.account_id) ?? { value: 0, deals: 0 };
    entry.value += Number(deal.value || 0);
    entry.deals += 1;
    totals.set(deal.account_id, entry);
  }
  return [...totals.entries()]
    .map(([accountId, t]) => ({ accountId, ...t }))
    .sort((a, b) => b.value - a.value)
    .slice(0, limit);
}

/** Hours per deal, largest first; entries without a deal are left out. */
export function hoursPerDeal(entries: readonly TimeEntryDto[], limit = 8): Array<{ dealId: string; hours: number }> {
  const seconds = new Map<string, number>();
  for (const entry of entries) if (entry.deal_id) seconds.set(entry.deal_id, (seconds.get(entry.deal_id) ?? 0) + entry.duration_seconds);
  return [...seconds.entries()]
    .map(([dealId, s]) => ({ dealId, hours: Math.round((s / 3600) * 10) / 10 }))
    .sort((a, b) => b.hours - a.hours)
    .slice(0, limit);
}

/** A deal's budgets are at risk when one is 80 % used or more, or runs out within 14 days at its recent pace. */
export function budgetsAtRisk(list: DealBudgetDto[], today = new Date().toISOString().slice(0, 10)): DealBudgetDto[] {
  const soon = new Date(Date.parse(`${today}T00:00:00Z`) + 14 * 86_400_000).toISOString().slice(0, 10);
  const risky = (d: DealBudgetDto) => d.budgets.some((b) => b.percent >= 80 || (b.projected_exhaustion !== null && b.projected_exhaustion <= soon));
  const top = (d: DealBudgetDto) => Math.max(...d.budgets.map((b) => b.percent));
  return list.filter(risky).sort((a, b) => top(b) - top(a));
}
