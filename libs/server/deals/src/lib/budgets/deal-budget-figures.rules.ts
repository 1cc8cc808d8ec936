import type { BudgetBurnDto, BudgetKind, DealBudgetDto } from '@clockwork/shared-dto';
import type { BurnRow } from './deal-budget.repository';

const DAY = 86_400_000;
export const RECENT_DAYS = 14;

/** "1234.5" -> hundredths as a bigint (amounts have at most 2 decimals). */
const hundredths = (v: string) => {
  const [whole, frac = ''] = v.split('.');
  return BigInt(whole) * 100n + BigInt(frac.padEnd(2, '0').slice(0, 2));
};
const fromHundredths = (h: bigint) => `${h / 100n}.${(h % 100n).toString().padStart(2, '0')}`;
/** a / b rounded half up (a, b ≥ 0, b > 0). */
const divRound = (a: bigint, b: bigint) => (a * 2n + b) / (2n * b);
/** Whole seconds -> hours in hundredths, half up. */
const secondsToHundredths = (seconds: string) => divRound(BigInt(seconds), 36n);

/** One budget's burn: percent (1 decimal), daily burn over the recent window and the projected day it runs out. */
export function burnOf(kind: BudgetKind, budget: string, used: bigint, recent: bigint, today: string, currency: string | null, alerted: number[]): BudgetBurnDto {
  const total = hundredths(budget);
  const percent = Number(divRound(used * 1000n, total)) / 10;
  const daily = divRound(recent, BigInt(RECENT_DAYS));
  const left = total - used;
  let projected: string | null = null;
  if (left > 0n && recent > 0n) {
    // days = ceil(left / (recent / 14)) = ceil(left × 14 / recent)
    const days = (left * BigInt(RECENT_DAYS) + recent - 1n) / recent;
    projected = new Date(Date.parse(`${today}T00:00:00Z`) + Number(days) * DAY).toISOString().slice(0, 10);
  }
  return { kind, budget: fromHundredths(total), used: fromHundredths(used), currency, percent, daily_burn: fromHundredths(daily), projected_exhaustion: projected, alerted };
}

/** The budgets of one deal in its current period. */
export function dealBudgetOf(row: BurnRow, today: string, thresholds: number[], alerted: Array<{ kind: BudgetKind; threshold: number }>): DealBudgetDto {
  const fired = (kind: BudgetKind) => alerted.filter((a) => a.kind === kind).map((a) => a.threshold).sort((a, b) => a - b);
  const budgets: BudgetBurnDto[] = [];
  if (row.hours_budget) budgets.push(burnOf('hours', row.hours_budget, secondsToHundredths(row.used_seconds), secondsToHundredths(row.recent_seconds), today, null, fired('hours')));
  if (row.money_budget) budgets.push(burnOf('money', row.money_budget, hundredths(row.used_money), hundredths(row.recent_money), today, row.currency, fired('money')));
  return { deal_id: row.deal_id, deal_name: row.deal_name, budget_period: row.budget_period, period: row.period, thresholds, budgets };
}

/** The thresholds a budget has reached (used × 100 ≥ threshold × budget, exactly) that were not alerted yet. */
export const crossed = (burn: BudgetBurnDto, thresholds: number[]): number[] =>
  thresholds.filter((t) => hundredths(burn.used) * 100n >= BigInt(t) * hundredths(burn.budget) && !burn.alerted.includes(t));

export const todayUtc = (now = Date.now()): string => new Date(now).toISOString().slice(0, 10);
