import { Link } from 'react-router-dom';
import { useAuth } from '../../auth/AuthProvider';
import { can } from '../../auth/permissions';
import { QueryCard } from '../../components/QueryCard';
import { SignalList } from '../insights/DealHealth';
import { useChurnRisk, useDealsAtRisk } from '../insights/insights.queries';

/** Deals and accounts the panel shows at most. */
const SHOWN = 5;

/**
 * "At risk" on the dashboard: open deals with health signals (most first) and accounts whose
 * churn risk is high, each linking to its page; for the roles that may read both insights.
 */
export function AtRiskPanel() {
  const { user } = useAuth();
  const allowed = can(user?.role, 'deal-health') && can(user?.role, 'churn-risk');
  const deals = useDealsAtRisk(allowed);
  const accounts = useChurnRisk({}, allowed, SHOWN);
  if (!allowed) return null;
  const flagged = (deals.data?.data ?? []).filter((d) => d.signals.length > 0).slice(0, SHOWN);
  const high = accounts.rows.filter((a) => a.level === 'high').slice(0, SHOWN);
  const query = { isPending: deals.isPending || accounts.isPending, error: deals.error ?? accounts.error, refetch: () => Promise.all([deals.refetch(), accounts.refetch()]) };
  return (
    <QueryCard
      title="At risk"
      query={query}
      isEmpty={flagged.length === 0 && high.length === 0}
      emptyState={{ icon: 'deals', title: 'Nothing at risk', text: 'Open deals with health signals and accounts with a high churn risk show here.' }}
    >
      <div className="divide-y divide-slate-100">
        {flagged.length > 0 && (
          <ul aria-label="Deals at risk" className="divide-y divide-slate-100">
            {flagged.map((d) => (
              <li key={d.deal_id} className="space-y-1 px-4 py-3 sm:px-5">
                <Link to={`/deals/${d.deal_id}`} className="text-sm font-medium text-slate-900 hover:text-indigo-600">
                  {d.deal_name}
                </Link>
                <SignalList signals={d.signals} label={`Why ${d.deal_name} is at risk`} />
              </li>
            ))}
          </ul>
        )}
        {high.length > 0 && (
          <ul aria-label="Accounts at risk" className="divide-y divide-slate-100">
            {high.map((a) => (
              <li key={a.account_id} className="space-y-1 px-4 py-3 sm:px-5">
                <div className="flex items-baseline justify-between gap-3">
                  <Link to={`/accounts/${a.account_id}`} className="text-sm font-medium text-slate-900 hover:text-indigo-600">
                    {a.account_name}
                  </Link>
                  <span className="text-xs font-medium text-rose-700 tabular-nums">Churn risk {Math.round(a.risk * 100)} %</span>
                </div>
                {a.factors[0] && <p className="text-xs text-slate-600">{a.factors[0].reason}</p>}
              </li>
            ))}
          </ul>
        )}
      </div>
    </QueryCard>
  );
}
