import type { AccountingPushDto } from '@clockwork/api-client';
import { Badge, type Tone } from '../../components/Badge';
import { EmptyState, QueryState } from '../../components/States';
import { formatDateTime } from '../../lib/format';
import { useAccountingPushes } from './accounting.queries';

const tones: Record<AccountingPushDto['state'], Tone> = { pending: 'info', succeeded: 'success', failed: 'danger' };

/** The invoices pushed to the accounting system: state, attempts, last error, the provider's id and status. */
export function AccountingPushLog() {
  const pushes = useAccountingPushes(true);
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200">
      <QueryState query={pushes}>
        {pushes.data?.data.length === 0 ? (
          <EmptyState icon="inbox" title="No invoices pushed yet">
            Each invoice issued from now on is sent to the accounting system and listed here.
          </EmptyState>
        ) : (
          <table aria-label="Push log" className="min-w-full text-left text-xs">
            <thead className="bg-slate-50 text-slate-500">
              <tr>
                {['Invoice', 'Status', 'Attempts', 'Error', 'In accounting', 'When'].map((h) => (
                  <th key={h} scope="col" className="px-3 py-2 font-semibold whitespace-nowrap">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {pushes.data?.data.map((p) => (
                <tr key={p.id} className="border-t border-slate-100">
                  <td className="px-3 py-2 font-medium text-slate-800">{p.invoice_number ?? p.invoice_id}</td>
                  <td className="px-3 py-2">
                    <Badge tone={tones[p.state]}>{p.state}</Badge>
                  </td>
                  <td className="px-3 py-2 tabular-nums">{p.attempts}</td>
                  <td className="max-w-xs truncate px-3 py-2 text-rose-700" title={p.last_error ?? undefined}>
                    {p.last_error ?? '—'}
                  </td>
                  <td className="px-3 py-2">{p.external_id ? `${p.external_id}${p.external_status ? ` (${p.external_status})` : ''}` : '—'}</td>
                  <td className="px-3 py-2 whitespace-nowrap">{formatDateTime(p.updated_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryState>
    </div>
  );
}
