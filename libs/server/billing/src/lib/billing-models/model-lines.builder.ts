import type { DealMilestone } from '@clockwork/shared-entities';
import { formatCents, hoursOf } from '../money.util';
import type { BuiltLine } from '../invoices/invoice-lines.builder';
import type { RetainerMonth } from './retainer-balance.rules';

/** A line of a fixed-fee or retainer deal before it has a position on the invoice. */
export type ModelLine = Omit<BuiltLine, 'position'> & { cents: bigint };

interface DealOfLines {
  id: string;
  name: string;
  currency: string;
}

const flat = (deal: DealOfLines, cents: bigint) => ({
  deal_id: deal.id,
  user_id: null,
  hourly_rate: formatCents(cents),
  rate_currency: deal.currency,
  rate_id: null,
  exchange_rate: '1',
  exchange_rate_date: null,
  amount: formatCents(cents),
  cents,
});

/** One line per reached milestone: its amount, no hours. */
export function milestoneLines(deal: DealOfLines, milestones: DealMilestone[]): ModelLine[] {
  return milestones.map((m) => ({
    ...flat(deal, BigInt(m.amountCents)),
    description: `${deal.name} — ${m.name}`,
    seconds: '0',
    hours: '0.00',
    rate_level: 'milestone',
    time_entry_ids: [],
    kind: 'milestone',
    milestone_id: m.id,
    retainer_month: null,
  }));
}

/**
 * Per retainer month: a "Retainer <month>" line with the month's fee (its description carries
 * the hours included, rolled over, used and left: the client's "hours left" figure) and, when
 * the month went over, an "Overage" line of the overage hours at the overage rate.
 */
export function retainerLines(deal: DealOfLines, month: RetainerMonth, overageRateCents: bigint, entryIds: string[]): ModelLine[] {
  const h = (s: bigint) => hoursOf(s);
  const retainer: ModelLine = {
    ...flat(deal, month.priceCents),
    description: `${deal.name} — Retainer ${month.month} (${h(month.includedSeconds)} h included, ${h(month.rolledOverSeconds)} h rolled over, ${h(month.usedSeconds)} h used, ${h(month.leftSeconds)} h left)`,
    seconds: String(month.usedSeconds),
    hours: h(month.usedSeconds),
    rate_level: 'retainer',
    time_entry_ids: entryIds,
    kind: 'retainer',
    milestone_id: null,
    retainer_month: `${month.month}-01`,
  };
  if (month.overageSeconds === 0n) return [retainer];
  return [
    retainer,
    {
      ...flat(deal, month.overageCents),
      hourly_rate: formatCents(overageRateCents),
      description: `${deal.name} — Overage ${month.month}`,
      seconds: String(month.overageSeconds),
      hours: h(month.overageSeconds),
      rate_level: 'overage',
      time_entry_ids: [],
      kind: 'overage',
      milestone_id: null,
      retainer_month: `${month.month}-01`,
    },
  ];
}
