import type { LeakageRowDto } from '@clockwork/api-client';
import { useAuth } from '../../auth/AuthProvider';
import { can } from '../../auth/permissions';
import { EmptyState } from '../../components/States';
import { QueryCard } from '../../components/QueryCard';
import { RowsTable, Td } from '../../components/Table';
import { formatAmount } from '../../lib/format';
import { useLeakage } from './insights.queries';

export const LEAKAGE_LABELS: Record<LeakageRowDto['category'], string> = {
  lost_deal: 'On lost deals',
  closed_deal: 'On won deals after the close',
  non_billable: 'Non-billable on won deals',
  invoiced_period: 'Late in invoiced periods',
  no_open_deal: 'For accounts with no open deal',
};

/** Time that will not be billed in the page's date range, per category and currency (admins and managers). */
export function LeakageCard({ range }: { range: { date_from?: string; date_to?: string } }) {
  const { user } = useAuth();
  const allowed = can(user?.role, 'leakage');
  const report = useLeakage(range, allowed);
  if (!allowed) return null;
  const rows = report.data?.rows ?? [];
  return (
    <QueryCard title="Leakage" query={report} isEmpty={rows.length === 0} empty={<EmptyState icon="reports" title="No leakage in this range" />}>
      <RowsTable label="Leakage" rows={rows} rowKey={(r) => `${r.category}-${r.currency}`} columns={['Where the time went', ['Hours', 'text-right'], ['Value at rate', 'text-right']]}>
        {(r) => (
          <>
            <Td>{LEAKAGE_LABELS[r.category]}</Td>
            <Td className="text-right tabular-nums">{r.hours.toFixed(2)}</Td>
            <Td className="text-right tabular-nums">{r.currency ? formatAmount(r.value, r.currency) : 'No rate'}</Td>
          </>
        )}
      </RowsTable>
    </QueryCard>
  );
}
