import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { ActionsTd, ActionsTh, RowsTable, Td } from '../../components/Table';
import { periodText } from './RatePeriodFields';

interface RatesTableProps<R> {
  /** The table's accessible name ("Hourly rates"). */
  label: string;
  /** The amount column's heading ("Rate", "Cost"). */
  amountHeading: string;
  rows: R[];
  /** What a row applies to: its level (a badge) and its target. */
  level: (r: R) => string;
  target: (r: R) => string;
  /** The hourly amount as shown ("120.00 USD"; "/h" is added). */
  amount: (r: R) => string;
  /** The delete button's accessible name. */
  deleteLabel: (r: R) => string;
  onDelete: (r: R) => void;
}

/** A table of hourly or cost rates: what each applies to, its amount per hour, its validity and a delete button. */
export function RatesTable<R extends { id: string; valid_from: string; valid_to: string | null }>({ label, amountHeading, rows, level, target, amount, deleteLabel, onDelete }: RatesTableProps<R>) {
  return (
    <RowsTable label={label} rows={rows} rowKey={(r) => r.id} columns={['Applies to', [amountHeading, 'text-right'], ['Valid', 'hidden sm:table-cell'], <ActionsTh className="text-right" />]}>
      {(r) => (
        <>
          <Td>
            <Badge tone="accent">{level(r)}</Badge> <span className="text-slate-800">{target(r)}</span>
          </Td>
          <Td className="text-right font-medium tabular-nums">{amount(r)}/h</Td>
          <Td className="hidden whitespace-nowrap sm:table-cell">{periodText(r.valid_from, r.valid_to)}</Td>
          <ActionsTd>
            <Button size="sm" variant="danger" icon="trash" aria-label={deleteLabel(r)} onClick={() => onDelete(r)} />
          </ActionsTd>
        </>
      )}
    </RowsTable>
  );
}
