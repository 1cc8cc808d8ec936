import type { AccountingPushDto } from '@clockwork/api-client';
import { Badge, type Tone } from '../../components/Badge';
import { QueryState } from '../../components/States';
import { RowsTable, Td } from '../../components/Table';
import { formatDateTime } from '../../lib/format';
import { useAccountingPushes } from './accounting.queries';

const tones: Record<AccountingPushDto['state'], Tone> = { pending: 'info', succeeded: 'success', failed: 'danger' };

/** The invoices pushed to the accounting system: state, attempts, last error, the provider's id and status. */
export function AccountingPushLog() {
  const pushes = useAccountingPushes(true);
  return (
    <div className="rounded-lg border border-slate-200">
      <QueryState query={pushes} isEmpty={pushes.data?.data.length === 0} emptyState={{ icon: 'inbox', title: 'No invoices pushed yet', text: 'Each invoice issued from now on is sent to the accounting system and listed here.' }}>
        <RowsTable label="Push log" rows={pushes.data?.data ?? []} rowKey={(p) => p.id} columns={['Invoice', 'Status', ['Attempts', 'text-right'], 'Error', 'In accounting', 'When']}>
          {(p) => (
            <>
              <Td className="font-medium text-slate-800">{p.invoice_number ?? p.invoice_id}</Td>
              <Td>
                <Badge tone={tones[p.state]}>{p.state}</Badge>
              </Td>
              <Td className="text-right tabular-nums">{p.attempts}</Td>
              <Td className="max-w-xs truncate text-rose-700" title={p.last_error ?? undefined}>
                {p.last_error ?? '—'}
              </Td>
              <Td>{p.external_id ? `${p.external_id}${p.external_status ? ` (${p.external_status})` : ''}` : '—'}</Td>
              <Td className="whitespace-nowrap">{formatDateTime(p.updated_at)}</Td>
            </>
          )}
        </RowsTable>
      </QueryState>
    </div>
  );
}
