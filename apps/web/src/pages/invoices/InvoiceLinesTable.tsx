import type { InvoicePreviewEntryDto, UsedExchangeRateDto } from '@clockwork/api-client';
import { useId, useState } from 'react';
import { Button } from '../../components/Button';
import { ScrollRegion } from '../../components/Table';
import { formatDate, formatDuration, trimDecimal } from '../../lib/format';
import { amount, exchangeRateText } from './invoice-format';

interface Line {
  position: number;
  description: string;
  hours: string;
  hourly_rate: string;
  rate_currency: string;
  exchange_rate: string;
  amount: string;
  time_entry_ids: string[];
  /** milestone and retainer lines are flat fees (no hourly rate); overage is hours at the overage rate. */
  kind?: 'time' | 'milestone' | 'retainer' | 'overage';
  entries?: InvoicePreviewEntryDto[];
}

interface Totals {
  currency: string;
  subtotal: string;
  tax_rate_percent: string;
  tax_amount: string;
  total: string;
  exchange_rates: UsedExchangeRateDto[];
}

const cell = 'px-4 py-2.5 align-top';
/** What a line of a billing model is (docs/billing-models.md); time lines need no word. */
const kindNotes: Partial<Record<NonNullable<Line['kind']>, string>> = {
  milestone: 'Fixed-fee milestone',
  retainer: 'Retainer fee for the month',
  overage: 'Overage: hours beyond the retainer at the overage rate',
};
const entriesLabel = (count: number) => `${count} time ${count === 1 ? 'entry' : 'entries'}`;

function Entries({ id, entries, label }: { id: string; entries: InvoicePreviewEntryDto[]; label: string }) {
  return (
    <ul id={id} aria-label={label} className="space-y-1 py-1 text-xs text-slate-600">
      {entries.map((e) => (
        <li key={e.id} className="flex flex-wrap gap-x-3">
          <span className="w-24 whitespace-nowrap tabular-nums">{formatDate(e.date)}</span>
          <span className="min-w-0 flex-1 truncate">{e.description}</span>
          <span className="tabular-nums">{formatDuration(e.seconds)}</span>
        </li>
      ))}
    </ul>
  );
}

/**
 * An invoice's lines (deal and person at one rate), the rate and exchange rate of each, and
 * the totals; with `entries` (the preview) each line can show the time entries behind it.
 */
export function InvoiceLinesTable({ lines, totals, label }: { lines: Line[]; totals: Totals; label: string }) {
  const baseId = useId();
  const [open, setOpen] = useState<Set<number>>(new Set());
  const foreign = lines.some((l) => l.rate_currency !== totals.currency);
  const columns = foreign ? 5 : 4;
  const toggle = (position: number) => setOpen((s) => (s.has(position) ? new Set([...s].filter((p) => p !== position)) : new Set(s).add(position)));
  const summary = (name: string, value: string, strong = false) => (
    <tr className={strong ? 'font-semibold text-slate-900' : 'text-slate-700'}>
      <th scope="row" colSpan={columns - 1} className={`${cell} text-right font-medium`}>
        {name}
      </th>
      <td className={`${cell} text-right whitespace-nowrap tabular-nums`}>{value}</td>
    </tr>
  );
  return (
    <ScrollRegion label={label} className="overflow-x-auto">
      <table aria-label={label} className="min-w-full text-left text-sm">
        <thead className="border-b border-slate-200 bg-slate-50 text-xs font-semibold tracking-wide text-slate-500 uppercase">
          <tr>
            <th scope="col" className={cell}>Description</th>
            <th scope="col" className={`${cell} text-right`}>Hours</th>
            <th scope="col" className={`${cell} text-right`}>Rate</th>
            {foreign && <th scope="col" className={`${cell} text-right`}>Exch. rate</th>}
            <th scope="col" className={`${cell} text-right`}>Amount</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {lines.map((l) => {
            const entriesId = `${baseId}-entries-${l.position}`;
            const expanded = open.has(l.position);
            const count = l.time_entry_ids.length;
            return (
              <tr key={l.position}>
                  <td className={cell}>
                    <p className="font-medium text-slate-900">{l.description}</p>
                    {l.kind && kindNotes[l.kind] && <p className="text-xs text-slate-500">{kindNotes[l.kind]}</p>}
                    {l.entries && count > 0 && (
                      <Button size="sm" variant="ghost" className="-ml-2.5 mt-0.5" aria-expanded={expanded} aria-controls={expanded ? entriesId : undefined} aria-label={`${expanded ? 'Hide' : 'Show'} ${entriesLabel(count)} of ${l.description}`} onClick={() => toggle(l.position)}>
                        {expanded ? 'Hide' : 'Show'} {entriesLabel(count)}
                      </Button>
                    )}
                    {l.entries && expanded && <Entries id={entriesId} entries={l.entries} label={`Time entries of ${l.description}`} />}
                  </td>
                  <td className={`${cell} text-right tabular-nums`}>{l.hours}</td>
                  <td className={`${cell} text-right whitespace-nowrap tabular-nums`}>{l.kind === 'milestone' || l.kind === 'retainer' ? 'Flat fee' : `${amount(l.hourly_rate, l.rate_currency)}/h`}</td>
                  {foreign && <td className={`${cell} text-right tabular-nums`}>{l.rate_currency === totals.currency ? '—' : trimDecimal(l.exchange_rate)}</td>}
                  <td className={`${cell} text-right whitespace-nowrap tabular-nums`}>{amount(l.amount, totals.currency)}</td>
              </tr>
            );
          })}
        </tbody>
        <tfoot className="border-t border-slate-200">
          {summary('Subtotal', amount(totals.subtotal, totals.currency))}
          {summary(`Tax ${trimDecimal(totals.tax_rate_percent)}%`, amount(totals.tax_amount, totals.currency))}
          {summary('Total', amount(totals.total, totals.currency), true)}
        </tfoot>
      </table>
      {totals.exchange_rates.length > 0 && (
        <div className="border-t border-slate-100 px-4 py-3 text-xs text-slate-600">
          <h3 className="font-semibold text-slate-700">Exchange rates used</h3>
          <ul className="mt-1 space-y-0.5">
            {totals.exchange_rates.map((x) => (
              <li key={x.base_currency}>{exchangeRateText(x)}</li>
            ))}
          </ul>
        </div>
      )}
    </ScrollRegion>
  );
}
