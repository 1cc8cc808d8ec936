import type { ProfitabilityFiguresDto, ProfitabilityRowDto } from '@clockwork/api-client';
import { Table, Td, Th, Tr } from '../../components/Table';
import { formatAmount, formatHours } from '../../lib/format';

const marginTone = (r: ProfitabilityFiguresDto) => (r.margin.startsWith('-') ? 'text-rose-700' : 'text-emerald-700');

/** Money figures of profitability rows (or per-currency totals) as a table; `name` labels each row. */
export function ProfitabilityTable({ label, rows, name }: { label: string; rows: Array<ProfitabilityFiguresDto | ProfitabilityRowDto>; name?: (r: ProfitabilityRowDto) => string }) {
  return (
    <Table label={label}>
      <thead>
        <tr>
          {name && <Th>Name</Th>}
          <Th className="text-right">Billable</Th>
          <Th className="hidden text-right sm:table-cell">Invoiced</Th>
          <Th className="text-right">Cost</Th>
          <Th className="text-right">Margin</Th>
          <Th className="text-right">Margin %</Th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <Tr key={`${'key_id' in r ? r.key_id : ''}-${r.currency}-${i}`}>
            {name && <Td>{name(r as ProfitabilityRowDto)}</Td>}
            <Td className="text-right tabular-nums">
              {formatAmount(r.billable_value, r.currency)}
              <span className="block text-xs text-slate-500">{formatHours(r.billable_seconds)} billable</span>
            </Td>
            <Td className="hidden text-right tabular-nums sm:table-cell">{formatAmount(r.invoiced_value, r.currency)}</Td>
            <Td className="text-right tabular-nums">{formatAmount(r.cost, r.currency)}</Td>
            <Td className={`text-right font-medium tabular-nums ${marginTone(r)}`}>{formatAmount(r.margin, r.currency)}</Td>
            <Td className="text-right tabular-nums">{r.margin_percent === null ? '—' : `${r.margin_percent} %`}</Td>
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}
