/**
 * What changed since the last scoring run: an open deal's set of health signal codes, an
 * account's churn risk band. No stored state counts as no signals and the low band, so a first
 * run reports only deals with signals and accounts above low.
 */
import type { ChurnLevel } from './churn-risk.rules';

export interface DealCodes {
  deal_id: string;
  codes: string[];
}

export interface AccountLevel {
  account_id: string;
  level: ChurnLevel;
}

const key = (codes: readonly string[]) => [...codes].sort().join(',');

/** The deals whose codes differ from the stored ones, with the stored codes (sorted). */
export function changedDeals(now: DealCodes[], stored: Map<string, string[]>): Array<DealCodes & { from: string[] }> {
  return now.filter((d) => key(d.codes) !== key(stored.get(d.deal_id) ?? [])).map((d) => ({ ...d, codes: [...d.codes].sort(), from: [...(stored.get(d.deal_id) ?? [])].sort() }));
}

/** The accounts whose band differs from the stored one (low when none), with the stored band. */
export function changedAccounts(now: AccountLevel[], stored: Map<string, ChurnLevel>): Array<AccountLevel & { from: ChurnLevel }> {
  return now.filter((a) => a.level !== (stored.get(a.account_id) ?? 'low')).map((a) => ({ ...a, from: stored.get(a.account_id) ?? 'low' }));
}
