/**
 * Deal health: plain signals on an open deal, each with a code, a sentence and the numbers
 * behind it (docs/insights.md, "Deal health signals"). Pure rules over the facts the health
 * query reads; the thresholds are constants here and in the doc.
 */

/** An open deal's facts as of now, as DEAL_HEALTH_FACTS_SQL reads them. */
export interface DealHealthFacts {
  deal_id: string;
  deal_name: string;
  account_id: string | null;
  stage: string;
  currency: string;
  value: number;
  deal_age_days: number;
  /** null: no time entry ever. */
  days_since_entry: number | null;
  hours: number;
  /** Won deals of its size (same currency, half to twice its value). */
  won_peers: number;
  /** Median hours logged on those won deals before their close; null without peers. */
  won_peer_median_hours: number | null;
  hours_budget: number | null;
  budget_period: 'life' | 'month';
  budget_used_hours: number;
  /** The money budget in the deal's currency (deals.money_budget), null: none. */
  money_budget: number | null;
  /** The billable value of its time in the budget's period at the hourly rates, in the deal's currency (as GET /deals/{id}/budget counts it). */
  budget_used_money: number;
  /** YYYY-MM-DD: start_date, else the day it was created. */
  timeline_start: string;
  /** YYYY-MM-DD or null (no end date: no timeline to compare a life budget with). */
  timeline_end: string | null;
}

export const DEAL_HEALTH_CODES = ['idle_late_stage', 'effort_above_won', 'budget_ahead_of_timeline'] as const;
export type DealHealthCode = (typeof DEAL_HEALTH_CODES)[number];

export const DEAL_HEALTH_RULES = {
  /** Stages before these are early: a late-stage deal without hours this long is idle. */
  earlyStages: ['prospecting', 'qualification'] as readonly string[],
  idleDays: 14,
  /** Hours at least this many times the median of won deals of its size. */
  effortMultiple: 3,
  /** At least this many won deals of its size to compare with. */
  minPeers: 3,
  /** Budget used ahead of the timeline elapsed by at least this many percentage points. */
  burnLeadPoints: 20,
} as const;

export interface DealHealthSignal {
  code: DealHealthCode;
  message: string;
  numbers: Record<string, number>;
}

const DAY = 86_400_000;
const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
const label = (stage: string) => stage.charAt(0).toUpperCase() + stage.slice(1).replace(/_/g, ' ');

/** The share (0..1) of the budget's period that has passed at `now`: the month (UTC), or the deal's timeline; null without one. */
export function timelineElapsed(f: Pick<DealHealthFacts, 'budget_period' | 'timeline_start' | 'timeline_end'>, now: Date): number | null {
  let start: number;
  let end: number;
  if (f.budget_period === 'month') {
    start = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);
    end = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1);
  } else {
    if (!f.timeline_end) return null;
    start = Date.parse(`${f.timeline_start}T00:00:00Z`);
    end = Date.parse(`${f.timeline_end}T00:00:00Z`) + DAY; // the end day counts
    if (end <= start) return null;
  }
  return Math.min(1, Math.max(0, (now.getTime() - start) / (end - start)));
}

/** The signals of one open deal, in the order of DEAL_HEALTH_CODES. */
export function dealHealthSignals(f: DealHealthFacts, now: Date): DealHealthSignal[] {
  const r = DEAL_HEALTH_RULES;
  const signals: DealHealthSignal[] = [];
  const quiet = f.days_since_entry ?? f.deal_age_days;
  if (!r.earlyStages.includes(f.stage) && quiet >= r.idleDays) {
    const days = Math.floor(quiet);
    signals.push({
      code: 'idle_late_stage',
      message: f.days_since_entry === null ? `${label(f.stage)}, no hours logged in its ${days} days` : `${label(f.stage)}, no hours in ${days} days`,
      numbers: { days_without_hours: days },
    });
  }
  const median = f.won_peer_median_hours;
  if (f.won_peers >= r.minPeers && median !== null && median > 0 && f.hours >= r.effortMultiple * median) {
    const multiple = round(f.hours / median, 1);
    signals.push({
      code: 'effort_above_won',
      message: `Pre-sales effort ${multiple}× the median of won deals of this size (${f.hours.toFixed(1)} h against ${median.toFixed(1)} h over ${f.won_peers} deals)`,
      numbers: { hours: round(f.hours, 2), median_hours: round(median, 2), multiple, won_peers: f.won_peers },
    });
  }
  const burn = budgetAheadOfTimeline(f, now);
  if (burn) signals.push(burn);
  return signals;
}

/** A budget and how much of it the deal used in its period. */
interface BudgetUse {
  kind: 'hours' | 'money';
  budget: number;
  used: number;
}

const budgetsOf = (f: DealHealthFacts): BudgetUse[] => [
  ...(f.hours_budget ? [{ kind: 'hours' as const, budget: f.hours_budget, used: f.budget_used_hours }] : []),
  ...(f.money_budget ? [{ kind: 'money' as const, budget: f.money_budget, used: f.budget_used_money }] : []),
];

/**
 * The hours or money budget used furthest ahead of the timeline (at least burnLeadPoints
 * percentage points; hours first on a tie), as one signal with its figures; null when neither is.
 */
function budgetAheadOfTimeline(f: DealHealthFacts, now: Date): DealHealthSignal | null {
  const elapsed = timelineElapsed(f, now);
  if (elapsed === null) return null;
  const timeline = Math.round(elapsed * 1000) / 10;
  const ahead = budgetsOf(f)
    .map((b) => ({ ...b, percent: Math.round((b.used / b.budget) * 1000) / 10 }))
    .filter((b) => b.percent - timeline >= DEAL_HEALTH_RULES.burnLeadPoints)
    .sort((a, b) => b.percent - a.percent)[0];
  if (!ahead) return null;
  const month = f.budget_period === 'month';
  const when = month ? 'of the month' : "of the deal's timeline";
  if (ahead.kind === 'hours') {
    return {
      code: 'budget_ahead_of_timeline',
      message: `Budget burning faster than the timeline: ${ahead.percent} % ${month ? "of this month's hours budget" : 'of the hours budget'} used (${round(ahead.used, 2)} of ${ahead.budget} h) at ${timeline} % ${when}`,
      numbers: { budget_used_percent: ahead.percent, timeline_percent: timeline, used_hours: round(ahead.used, 2), budget_hours: ahead.budget },
    };
  }
  return {
    code: 'budget_ahead_of_timeline',
    message: `Budget burning faster than the timeline: ${ahead.percent} % ${month ? "of this month's money budget" : 'of the money budget'} used (${ahead.used.toFixed(2)} of ${ahead.budget.toFixed(2)} ${f.currency} billable) at ${timeline} % ${when}`,
    numbers: { budget_used_percent: ahead.percent, timeline_percent: timeline, used_money: round(ahead.used, 2), budget_money: ahead.budget },
  };
}
