/**
 * Account churn risk: a score from the account's own effort and relationship signals, each
 * with a fixed, documented weight on the log-odds (docs/insights.md, "Churn risk"). There is no
 * churn label to learn from (an account does not say it left), so the weights are set, not
 * trained; every point of the score is one of the named factors, so the reasons are exact.
 */

/** An account's facts as of now, as the churn query reads them. */
export interface AccountFacts {
  account_id: string;
  name: string;
  account_age_days: number;
  hours_last_30d: number;
  /** Hours in the 90 days before the last 30 (the account's own baseline: a third of it per 30 days). */
  hours_prev_90d: number;
  /** null: no time entry ever. */
  days_since_entry: number | null;
  /** null: no call or meeting ever. */
  days_since_activity: number | null;
  open_deals: number;
  lost_deals_180d: number;
  overdue_invoices: number;
  overdue_tasks: number;
}

export const CHURN_FACTORS = ['effort_decline', 'silence', 'overdue_invoices', 'no_open_deal', 'lost_deals', 'overdue_tasks'] as const;
export type ChurnFactorName = (typeof CHURN_FACTORS)[number];

/** The weights (log-odds) and the intercept of the score. */
export const CHURN_WEIGHTS = {
  intercept: -3,
  /** per unit of log(1 + hours per 30 days before) − log(1 + hours in the last 30 days), when it fell */
  effort_decline: 1.2,
  /** per unit of log(1 + days without a time entry or activity beyond a week / 7) */
  silence: 0.8,
  /** per invoice unpaid past its term (at most 3 count) */
  overdue_invoices: 0.9,
  /** when the account has no open deal */
  no_open_deal: 1.0,
  /** per deal lost in the last 180 days (at most 3 count) */
  lost_deals: 0.6,
  /** per unit of log(1 + overdue tasks of its deals) */
  overdue_tasks: 0.4,
} as const;

/** Risk at or above: high; at or above `medium`: medium; else low. */
export const CHURN_LEVELS = { high: 0.6, medium: 0.3 } as const;
/** Days without a touch that are a normal rhythm (no risk yet). */
export const CHURN_QUIET_DAYS = 7;

export interface ChurnFactor {
  factor: ChurnFactorName;
  /** The account's value of the factor, in its own unit (hours lost per 30 days, days, count). */
  value: number;
  /** Contribution to the log-odds of churning (> 0 raises the risk). */
  effect: number;
  reason: string;
}

export type ChurnLevel = 'high' | 'medium' | 'low';

export interface ChurnScore {
  risk: number;
  level: ChurnLevel;
  factors: ChurnFactor[];
  /** Days since the last time entry or activity; null: never touched. */
  days_since_touch: number | null;
  /** The account's hours per 30 days over the 90 days before the last 30. */
  hours_baseline_30d: number;
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The account's risk of churning (0..1), its level and the factors that raised it, largest first. */
export function scoreChurn(f: AccountFacts): ChurnScore {
  const baseline = f.hours_prev_90d / 3;
  const touches = [f.days_since_entry, f.days_since_activity].filter((d): d is number => d !== null);
  const sinceTouch = touches.length ? Math.min(...touches) : null;
  const quiet = Math.max(0, (sinceTouch ?? f.account_age_days) - CHURN_QUIET_DAYS);
  const w = CHURN_WEIGHTS;
  const candidates: ChurnFactor[] = [
    {
      factor: 'effort_decline',
      value: round(Math.max(0, baseline - f.hours_last_30d), 2),
      effect: w.effort_decline * Math.max(0, Math.log1p(baseline) - Math.log1p(f.hours_last_30d)),
      reason: `Hours fell from ${baseline.toFixed(1)} to ${f.hours_last_30d.toFixed(1)} per 30 days`,
    },
    {
      factor: 'silence',
      value: round(sinceTouch ?? f.account_age_days, 1),
      effect: w.silence * Math.log1p(quiet / CHURN_QUIET_DAYS),
      reason: sinceTouch === null ? `No time or activity since it was created ${Math.floor(f.account_age_days)} days ago` : `No time or activity in ${Math.floor(sinceTouch)} days`,
    },
    {
      factor: 'overdue_invoices',
      value: f.overdue_invoices,
      effect: w.overdue_invoices * Math.min(f.overdue_invoices, 3),
      reason: `${plural(f.overdue_invoices, 'invoice')} unpaid past ${f.overdue_invoices === 1 ? 'its' : 'their'} term`,
    },
    { factor: 'no_open_deal', value: f.open_deals, effect: f.open_deals === 0 ? w.no_open_deal : 0, reason: 'No open deal' },
    { factor: 'lost_deals', value: f.lost_deals_180d, effect: w.lost_deals * Math.min(f.lost_deals_180d, 3), reason: `${plural(f.lost_deals_180d, 'deal')} lost in the last 180 days` },
    { factor: 'overdue_tasks', value: f.overdue_tasks, effect: w.overdue_tasks * Math.log1p(f.overdue_tasks), reason: `${plural(f.overdue_tasks, 'overdue task')} on its deals` },
  ];
  const z = w.intercept + candidates.reduce((s, c) => s + c.effect, 0);
  const risk = round(1 / (1 + Math.exp(-z)), 4);
  const factors = candidates
    .filter((c) => c.effect > 0)
    .map((c) => ({ ...c, effect: round(c.effect, 4) }))
    .sort((a, b) => b.effect - a.effect || a.factor.localeCompare(b.factor));
  return { risk, level: risk >= CHURN_LEVELS.high ? 'high' : risk >= CHURN_LEVELS.medium ? 'medium' : 'low', factors, days_since_touch: sinceTouch === null ? null : round(sinceTouch, 1), hours_baseline_30d: round(baseline, 2) };
}
