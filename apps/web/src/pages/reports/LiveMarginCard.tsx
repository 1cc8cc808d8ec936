import { useAuth } from '../../auth/AuthProvider';
import { can } from '../../auth/permissions';
import { QueryCard } from '../../components/QueryCard';
import { DetailList } from '../../components/Card';
import { formatAmount, formatHours } from '../../lib/format';
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
    <QueryCard title="Margin" query={report} isEmpty={totals.length === 0} emptyState={{ icon: 'reports', title: 'No time or invoices yet', text: <>The margin appears once time is logged on this {group}.</> }}>
      <ul aria-label={`Margin of this ${group}`} className="divide-y divide-slate-100">
        {totals.map((t) => (
          <li key={t.currency ?? 'none'} className="px-4 py-3 sm:px-5">
            {t.currency ? (
              <DetailList
                items={[
                  ['Margin', formatAmount(t.margin, t.currency)],
                  ['Margin %', t.margin_percent === null ? null : `${t.margin_percent} %`],
                  ['Billable', formatAmount(t.billable_value, t.currency)],
                  ['Cost', formatAmount(t.cost, t.currency)],
                  ['Invoiced', formatAmount(t.invoiced_value, t.currency)],
                ]}
              />
            ) : (
              <p className="text-xs text-slate-500">
                Not priced: {formatHours(t.billable_seconds)} billable without an hourly rate, {formatHours(t.costed_seconds)} without a cost rate.
              </p>
            )}
          </li>
        ))}
      </ul>
    </QueryCard>
  );
}
