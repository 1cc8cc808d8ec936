import type { AccountingPushDto } from '@clockwork/api-client';
import { Badge, type Tone } from '../../components/Badge';
import { EmptyState, QueryState } from '../../components/States';
import { Table, Td, Th, Tr } from '../../components/Table';
import { formatDateTime } from '../../lib/format';
import { useAccountingPushes } from './accounting.queries';

const tones: Record<AccountingPushDto['state'], Tone> = { pending: 'info', succeeded: 'success', failed: 'danger' };

/** The invoices pushed to the accounting system: state, attempts, last error, the provider's id and status. */
export function AccountingPushLog() {
  const pushes = useAccountingPushes(true);
  return (
    <div className="rounded-lg border border-slate-200">
      <QueryState
        query={pushes}
        isEmpty={pushes.data?.data.length === 0}
        empty={
          <EmptyState icon="inbox" title="No invoices pushed yet">
            Each invoice issued from now on is sent to the accounting system and listed here.
          </EmptyState>
        }
      >
        <Table label="Push log">
          <thead>
            <tr>
              <Th>Invoice</Th>
              <Th>Status</Th>
              <Th className="text-right">Attempts</Th>
              <Th>Error</Th>
              <Th>In accounting</Th>
              <Th>When</Th>
            </tr>
          </thead>
          <tbody>
            {pushes.data?.data.map((p) => (
              <Tr key={p.id}>
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
              </Tr>
            ))}
          </tbody>
        </Table>
      </QueryState>
    </div>
  );
}
