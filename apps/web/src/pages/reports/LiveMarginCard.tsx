import { useAuth } from '../../auth/AuthProvider';
import { can } from '../../auth/permissions';
import { Card } from '../../components/Card';
import { EmptyState, QueryState } from '../../components/States';
import { ProfitabilityTable } from './ProfitabilityTable';
import { useProfitability } from './reports.queries';

/**
 * The live margin of one deal or account (all its time and issued/paid invoices so far), from the
 * profitability report; shown only to the roles that may read cost and margin (admins, managers).
 */
export function LiveMarginCard({ of }: { of: { deal_id: string } | { account_id: string } }) {
  const { user } = useAuth();
  const allowed = can(user?.role, 'cost-and-margin');
  const group = 'deal_id' in of ? 'deal' : 'account';
  const report = useProfitability({ ...of, group_by: group }, allowed);
  if (!allowed) return null;
  const totals = report.data?.totals ?? [];
  return (
    <Card title="Margin" padded={false}>
      <QueryState query={report}>
        {totals.length === 0 ? (
          <EmptyState icon="reports" title="No time or invoices yet">
            The margin appears once time is logged on this {group}.
          </EmptyState>
        ) : (
          <ProfitabilityTable label={`Margin of this ${group}`} rows={totals} />
        )}
      </QueryState>
    </Card>
  );
}
